/// The records of one store session, each the SQL behind a protocol the domain asks through.
/// The domain reaches the store through these, never through SQL of its own.
extension Connection {
    public var plans: PlanTable { PlanTable(db: self) }
    public var packs: PackTable { PackTable(db: self) }
    public var payments: PaymentTable { PaymentTable(db: self) }
    public var subscriptions: SubscriptionTable { SubscriptionTable(db: self) }
    public var credits: CreditTable { CreditTable(db: self) }
    public var usage: UsageTable { UsageTable(db: self) }
    public var idempotency: IdempotencyTable { IdempotencyTable(db: self) }
    public var rateLimits: RateLimitTable { RateLimitTable(db: self) }
    public var archives: ArchiveTable { ArchiveTable(db: self) }
    public var audit: AuditTable { AuditTable(db: self) }
    public var webhooks: WebhookTable { WebhookTable(db: self) }
}
