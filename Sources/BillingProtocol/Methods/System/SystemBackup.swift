/// `system.backup`: a consistent copy of the database, taken while serving.
public enum SystemBackup: BillingMethod {
    public typealias Result = BackupCopy

    public struct Parameters: MethodParameters, Equatable {
        public var path: String

        public init(path: String) { self.path = path }
        public init(validated p: Params) { path = p.requiredString("path") }
        public var wire: JSONObject { ["path": .string(path)] }
    }

    public static let descriptor = MethodDescriptor(
        "system.backup", "A consistent copy of the database, taken while serving (SQLite online backup).", access: .read,
        params: [.required("path", .text(maxBytes: 4096), "Where to write the copy; must not exist yet.")],
        result: [("path", "the copy's path"), ("bytes", "its size")], errors: ["already_exists", "internal_error"])
}
