import BillingCore
import BillingProtocol

extension Migrator {
    /// `system.migrations`' answer: what is applied on `session`, and what is pending.
    public func report(on session: any StoreSession) throws -> MigrationReport {
        let status = try self.status(try NotASQLSession.sql(session))
        return MigrationReport(
            applied: status.applied.map {
                .init(version: Int64($0.version), name: $0.name, checksum: $0.checksum, appliedAt: Timestamp(milliseconds: $0.appliedAt))
            },
            pending: status.pending.map { .init(version: Int64($0.version), name: $0.name, checksum: $0.checksum, appliedAt: nil) })
    }
}
