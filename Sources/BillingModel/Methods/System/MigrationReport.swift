/// The answer of `system.migrations`: applied migrations (with when) and pending ones.
public struct MigrationReport: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let version: Int64
        public let name: String
        public let checksum: String
        /// Nil for a pending migration.
        public let appliedAt: Timestamp?

        public init(version: Int64, name: String, checksum: String, appliedAt: Timestamp?) {
            self.version = version
            self.name = name
            self.checksum = checksum
            self.appliedAt = appliedAt
        }
    }

    public let applied: [Entry]
    public let pending: [Entry]

    public init(applied: [Entry], pending: [Entry]) {
        self.applied = applied
        self.pending = pending
    }
}
