/// Everything the wire knows about one method, written once: the validator, the dispatcher,
/// `system.methods` and the generated `Protocol/methods.json` all read this.
public struct MethodDescriptor: Sendable {
    public typealias Access = MethodAccess

    public let name: String
    public let summary: String
    public let access: Access
    public let params: [ParamSpec]
    /// The result's members, `name: meaning`.
    public let result: [(String, String)]
    /// `data.type` values this method can answer with besides the envelope errors.
    public let errors: [String]

    public init(
        _ name: String, _ summary: String, access: Access, params: [ParamSpec] = [], result: [(String, String)],
        errors: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.access = access
        // Every state change takes an idempotency key (CONTRACT section 4).
        self.params = access == .write
            ? params + [.optional("idempotency_key", .text(maxBytes: 255), "Repeat-safe key: a repeat with the same params returns the first result.")]
            : params
        self.result = result
        self.errors = errors
    }

    /// The entry of a declared method: its name and access come from the domain's declaration.
    public init<M: Command>(
        _ method: M.Type, _ summary: String, params: [ParamSpec] = [], result: [(String, String)], errors: [String] = []
    ) {
        self.init(M.name, summary, access: M.access, params: params, result: result, errors: errors)
    }

    public func param(_ name: String) -> ParamSpec? { params.first { $0.name == name } }

    /// The entry `system.methods` and `Protocol/methods.json` show.
    public var json: JSONValue { MethodList.Entry(self).wire }
}
