import BillingProtocol

/// The stored usage rows (`usage_logs`): one per consume or committed reservation, appended.
public protocol UsageRecords {
    func insert(_ row: UsageRow) throws

    /// At most `limit` of the user's rows created in [`from`, `to`) after `after`, newest first.
    func page(user: String, from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [UsageRecord]

    /// At most `limit` rows created in [`from`, `to`) after `after`, oldest first (exports).
    func range(from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [UsageRecord]
}
