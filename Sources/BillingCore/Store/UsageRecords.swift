import BillingProtocol

/// The stored usage rows (`usage_logs`): one per consume or committed reservation, appended.
public protocol UsageRecords {
    func insert(_ row: UsageRow) throws

    /// At most `limit` of the user's rows created in [`from`, `to`) after `after`, newest first.
    func page(user: String, from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [UsageRecord]

    /// At most `limit` rows created in [`from`, `to`) after `after`, oldest first (exports).
    func range(from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [UsageRecord]

    /// Per user, the rows created before `cut` that a prune would delete: how many and their
    /// exact sums (128 bits).
    func prunable(before cut: Timestamp) throws -> [(user: String, requests: Int64, creditsUsed: Int128, costUSD: Int128)]

    /// What earlier prunes kept of the user's rows.
    func pruned(_ user: String) throws -> PrunedUsage?

    func savePruned(_ user: String, _ totals: PrunedUsage) throws

    /// Deletes the rows created before `cut`; committed reservations keep their row but no
    /// longer point at a deleted one.
    func delete(before cut: Timestamp) throws

    /// `usage.summary`'s totals per group over [`from`, `to`), one user's or everyone's (nil),
    /// ordered by key. Sums are exact (128 bits).
    func summary(user: String?, from: Timestamp, to: Timestamp, groupBy: UsageGrouping) throws -> UsageSummary
}
