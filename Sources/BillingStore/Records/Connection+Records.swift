import BillingCore

/// The records of one store session, each the SQL behind a protocol the domain asks through.
/// The domain reaches the store through these, never through SQL of its own.
extension Connection {
    public var plans: any PlanRecords { PlanTable(db: self) }
    public var packs: any PackRecords { PackTable(db: self) }
    public var payments: any PaymentRecords { PaymentTable(db: self) }
    public var subscriptions: any SubscriptionRecords { SubscriptionTable(db: self) }
    public var credits: any CreditRecords { CreditTable(db: self) }
    public var usage: any UsageRecords { UsageTable(db: self) }
    public var idempotency: any IdempotencyRecords { IdempotencyTable(db: self) }
    public var rateLimits: any RateLimitRecords { RateLimitTable(db: self) }
    public var archives: any ArchiveRecords { ArchiveTable(db: self) }
    public var audit: any AuditRecords { AuditTable(db: self) }
    public var webhooks: any WebhookRecords { WebhookTable(db: self) }
}
