/// `system.migrations` on the wire: its catalog entry.
extension SystemMigrations: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Applied and pending schema migrations.",
        result: [("applied", "[{version, name, checksum, applied_at}]"), ("pending", "[{version, name, checksum}]")])
}
