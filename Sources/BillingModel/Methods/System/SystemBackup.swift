/// `system.backup`: a consistent copy of the database, taken while serving.
public enum SystemBackup: Command {
    public typealias Result = BackupCopy
    public static let name = "system.backup"
    public static let access = MethodAccess.read

    public struct Parameters: Sendable, Equatable {
        public var path: String

        public init(path: String) { self.path = path }
    }
}
