/// `system.migrations`: applied and pending schema migrations.
public enum SystemMigrations: Command {
    public typealias Result = MigrationReport
    public typealias Parameters = NoParameters
    public static let name = "system.migrations"
    public static let access = MethodAccess.read
}
