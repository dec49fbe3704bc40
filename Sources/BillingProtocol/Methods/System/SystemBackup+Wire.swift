/// `system.backup` on the wire: its catalog entry and its params' JSON.
extension SystemBackup: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "A consistent copy of the database, taken while serving (SQLite online backup).",
        params: [.required("path", .text(maxBytes: 4096), "Where to write the copy; must not exist yet.")],
        result: [("path", "the copy's path"), ("bytes", "its size")], errors: ["already_exists", "internal_error"])
}

extension SystemBackup.Parameters: MethodParameters {
    public init(validated p: Params) { self.init(path: p.requiredString("path")) }
    public var wire: JSONObject { ["path": .string(path)] }
}
