/// `system.migrations`: applied and pending schema migrations.
public enum SystemMigrations: BillingMethod {
    public typealias Result = MigrationReport
    public typealias Parameters = NoParameters

    public static let descriptor = MethodDescriptor(
        "system.migrations", "Applied and pending schema migrations.", access: .read,
        result: [("applied", "[{version, name, checksum, applied_at}]"), ("pending", "[{version, name, checksum}]")])
}
