/// A row of `schema_migrations`.
public struct AppliedMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let checksum: String
    /// Milliseconds since the epoch.
    public let appliedAt: Int64
}
