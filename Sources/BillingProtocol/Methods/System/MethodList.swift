/// The answer of `system.methods`: the catalog, one entry per method, as `Protocol/methods.json`
/// lists it. Params and result stay in their documented JSON form (they describe, not carry, data).
public struct MethodList: MethodResult, Equatable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let description: String
        public let access: MethodDescriptor.Access
        /// `[{name, type, required, description, …}]` as `ParamSpec.json` writes them.
        public let params: [JSONValue]
        /// `{member: meaning}`.
        public let result: JSONObject
        /// `data.type` values besides the envelope errors.
        public let errors: [String]

        public init(_ descriptor: MethodDescriptor) {
            name = descriptor.name
            description = descriptor.summary
            access = descriptor.access
            params = descriptor.params.map(\.json)
            result = JSONObject(descriptor.result.map { ($0.0, .string($0.1)) })
            errors = descriptor.errors
        }

        init(wire json: JSONValue) throws(RPCError) {
            guard let access = MethodDescriptor.Access(rawValue: try WireField.string(json["access"], "access")) else {
                throw RPCError(.internalError, "unexpected answer: 'access' is not read, write or server")
            }
            name = try WireField.string(json["name"], "name")
            description = try WireField.string(json["description"], "description")
            self.access = access
            params = try WireField.array(json["params"], "params")
            result = try WireField.object(json["result"], "result")
            var errors: [String] = []
            for error in try WireField.array(json["errors"], "errors") { errors.append(try WireField.string(error, "errors")) }
            self.errors = errors
        }

        var wire: JSONValue {
            .object([
                "name": .string(name), "description": .string(description), "access": .string(access.rawValue), "params": .array(params),
                "result": .object(result), "errors": .array(errors.map { .string($0) }),
            ])
        }
    }

    public let methods: [Entry]

    public init(_ descriptors: [MethodDescriptor]) { methods = descriptors.map(Entry.init) }

    public init(wire json: JSONValue) throws(RPCError) {
        var methods: [Entry] = []
        for method in try WireField.array(json["methods"], "methods") { methods.append(try Entry(wire: method)) }
        self.methods = methods
    }

    public var wire: JSONValue { .object(["methods": .array(methods.map(\.wire))]) }
}
