/// What `billingd migrate --status` and `system.migrations` report.
public struct MigrationStatus: Sendable {
    public let applied: [AppliedMigration]
    public let pending: [Migration]

    public init(applied: [AppliedMigration], pending: [Migration]) {
        self.applied = applied
        self.pending = pending
    }

    public var schemaVersion: Int { applied.map(\.version).max() ?? 0 }
}
