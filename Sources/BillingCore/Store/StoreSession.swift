import BillingProtocol

/// One session of the store as the domain uses it, inside the writer's transaction or on a
/// reader: the records of each concern, and transaction control by intent. The store implements
/// it (BillingStore's `Connection`, on SQLite and on PostgreSQL), so the domain never sees SQL.
public protocol StoreSession: AnyObject {
    var plans: any PlanRecords { get }
    var packs: any PackRecords { get }
    var payments: any PaymentRecords { get }
    var subscriptions: any SubscriptionRecords { get }
    var credits: any CreditRecords { get }
    var usage: any UsageRecords { get }
    var idempotency: any IdempotencyRecords { get }
    var rateLimits: any RateLimitRecords { get }
    var audit: any AuditRecords { get }
    var webhooks: any WebhookRecords { get }
    var archives: any ArchiveRecords { get }
    var analytics: any AnalyticsRecords { get }

    /// The rows of `system.verify`: one line per broken invariant, none when the books add up.
    func problems() throws -> [String]

    /// Writes everything a batch's fast units staged, in bulk.
    func write(_ writes: BatchWrites) throws

    /// Whether a transaction is open (a failed statement may have ended it).
    var isInTransaction: Bool { get }

    /// Rows changed by this session since it opened (counts the work a step did).
    var totalChanges: Int64 { get throws }

    /// Runs `body` in its own savepoint: when it throws, only its changes are undone (unless the
    /// store already rolled the whole transaction back) and the error goes on.
    func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T

    /// Runs `body` for real and then undoes all it changed (a dry run).
    func discardingChanges<T>(_ body: () throws -> T) throws -> T

    /// Whether this transaction holds the lock on `key` for work that one daemon at a time does;
    /// a store that one daemon alone writes always grants it.
    func claimExclusiveWork(_ key: Int64) throws -> Bool

    /// Writes a consistent copy of the whole store to the new file `destination`
    /// (`system.backup`); throws `StoreBackupRefused` when it will not (checked in its order).
    func backupCopy(to destination: String) throws
}
