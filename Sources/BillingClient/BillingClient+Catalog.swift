import BillingProtocol

/// One typed call per contract method besides the busiest ones (`BillingClient+Methods.swift`):
/// each is `call(M.self, …)` with the declaration's own `Parameters` and `Result`.
extension BillingClient {
    // MARK: system

    public func methods() async throws -> MethodList { try await call(SystemMethods.self, .init()) }
    public func stats() async throws -> StatsReport { try await call(SystemStats.self, .init()) }
    public func migrations() async throws -> MigrationReport { try await call(SystemMigrations.self, .init()) }
    public func verify() async throws -> VerifyReport { try await call(SystemVerify.self, .init()) }
    public func backup(to path: String) async throws -> BackupCopy { try await call(SystemBackup.self, .init(path: path)) }
    public func clock() async throws -> ClockReading { try await call(SystemClock.self, .init()) }

    public func advanceClock(milliseconds: Int64, idempotencyKey: String? = nil) async throws -> ClockMove {
        try await call(SystemClockAdvance.self, .init(milliseconds: milliseconds, idempotencyKey: idempotencyKey))
    }

    public func setClock(_ now: Timestamp, idempotencyKey: String? = nil) async throws -> ClockMove {
        try await call(SystemClockSet.self, .init(now: now, idempotencyKey: idempotencyKey))
    }

    // MARK: plans

    public func plans(includeInactive: Bool = false) async throws -> PlanList {
        try await call(PlansList.self, .init(includeInactive: includeInactive))
    }

    public func plan(_ planID: String) async throws -> Plan { try await call(PlansGet.self, .init(planID: planID)) }

    /// Creates or replaces a plan; members left nil in `plan` keep their stored value (or the default).
    public func upsertPlan(_ plan: PlansUpsert.Parameters) async throws -> Plan { try await call(PlansUpsert.self, plan) }

    // MARK: subscriptions

    public func subscription(_ subscriptionID: String) async throws -> Subscription {
        try await call(SubscriptionsGet.self, .init(subscriptionID: subscriptionID))
    }

    public func currentSubscription(userID: String) async throws -> Subscription {
        try await call(SubscriptionsCurrent.self, .init(userID: userID))
    }

    public func subscriptions(userID: String? = nil, status: SubscriptionStatus? = nil, page: PageParameters = PageParameters())
        async throws -> SubscriptionPage
    {
        try await call(SubscriptionsList.self, .init(userID: userID, status: status, page: page))
    }

    public func cancelSubscription(_ subscriptionID: String, atPeriodEnd: Bool = true, idempotencyKey: String? = nil) async throws -> Subscription {
        try await call(SubscriptionsCancel.self, .init(subscriptionID: subscriptionID, atPeriodEnd: atPeriodEnd, idempotencyKey: idempotencyKey))
    }

    public func pauseSubscription(_ subscriptionID: String, idempotencyKey: String? = nil) async throws -> Subscription {
        try await call(SubscriptionsPause.self, .init(subscriptionID: subscriptionID, idempotencyKey: idempotencyKey))
    }

    public func resumeSubscription(_ subscriptionID: String, idempotencyKey: String? = nil) async throws -> Subscription {
        try await call(SubscriptionsResume.self, .init(subscriptionID: subscriptionID, idempotencyKey: idempotencyKey))
    }

    public func changePlan(_ subscriptionID: String, to planID: String, idempotencyKey: String? = nil) async throws -> Subscription {
        try await call(SubscriptionsChangePlan.self, .init(subscriptionID: subscriptionID, planID: planID, idempotencyKey: idempotencyKey))
    }

    public func renewSubscription(_ subscriptionID: String, idempotencyKey: String? = nil) async throws -> Subscription {
        try await call(SubscriptionsRenew.self, .init(subscriptionID: subscriptionID, idempotencyKey: idempotencyKey))
    }

    // MARK: credits

    public func ledger(userID: String, page: PageParameters = PageParameters()) async throws -> LedgerPage {
        try await call(CreditsLedger.self, .init(userID: userID, page: page))
    }

    // MARK: payments

    public func recordPayment(_ payment: PaymentsRecord.Parameters) async throws -> Payment { try await call(PaymentsRecord.self, payment) }

    public func updatePaymentStatus(_ paymentID: String, to status: PaymentStatus, idempotencyKey: String? = nil) async throws -> Payment {
        try await call(PaymentsUpdateStatus.self, .init(paymentID: paymentID, status: status, idempotencyKey: idempotencyKey))
    }

    public func payment(_ paymentID: String) async throws -> Payment { try await call(PaymentsGet.self, .init(paymentID: paymentID)) }

    public func payments(userID: String? = nil, status: PaymentStatus? = nil, page: PageParameters = PageParameters()) async throws -> PaymentPage {
        try await call(PaymentsList.self, .init(userID: userID, status: status, page: page))
    }

    // MARK: usage

    public func usage(userID: String, from: Timestamp? = nil, to: Timestamp? = nil, page: PageParameters = PageParameters())
        async throws -> UsagePage
    {
        try await call(UsageList.self, .init(userID: userID, from: from, to: to, page: page))
    }

    public func usageSummary(userID: String? = nil, from: Timestamp, to: Timestamp, groupBy: UsageGrouping) async throws -> UsageSummary {
        try await call(UsageSummarize.self, .init(userID: userID, from: from, to: to, groupBy: groupBy))
    }

    // MARK: webhooks and packs

    public func lemonSqueezyWebhook(payload: String, signature: String) async throws -> WebhookReceipt {
        try await call(WebhooksLemonSqueezy.self, .init(payload: payload, signature: signature))
    }

    public func upsertPack(variantID: String, credits: Int64, name: String? = nil, idempotencyKey: String? = nil) async throws -> CreditPack {
        try await call(PacksUpsert.self, .init(variantID: variantID, credits: credits, name: name, idempotencyKey: idempotencyKey))
    }

    public func packs() async throws -> PackList { try await call(PacksList.self, .init()) }

    // MARK: audit and analytics

    public func auditLog(_ filter: AuditList.Parameters = .init()) async throws -> AuditPage { try await call(AuditList.self, filter) }

    public func revenue(from: Timestamp, to: Timestamp, groupBy: Granularity = .month) async throws -> RevenueReport {
        try await call(AnalyticsRevenue.self, .init(from: from, to: to, groupBy: groupBy))
    }

    public func subscriptionReport(from: Timestamp, to: Timestamp, groupBy: Granularity = .month) async throws -> SubscriptionReport {
        try await call(AnalyticsSubscriptions.self, .init(from: from, to: to, groupBy: groupBy))
    }

    public func creditFlow(from: Timestamp, to: Timestamp, groupBy: Granularity = .month) async throws -> CreditFlowReport {
        try await call(AnalyticsCredits.self, .init(from: from, to: to, groupBy: groupBy))
    }

    public func usageReport(from: Timestamp, to: Timestamp, groupBy: AnalyticsUsage.Dimension, userID: String? = nil) async throws -> UsageReport {
        try await call(AnalyticsUsage.self, .init(from: from, to: to, groupBy: groupBy, userID: userID))
    }

    public func topUsers(from: Timestamp, to: Timestamp, by order: AnalyticsTopUsers.Order = .creditsUsed, limit: Int64 = 10)
        async throws -> TopUserList
    {
        try await call(AnalyticsTopUsers.self, .init(from: from, to: to, by: order, limit: limit))
    }

    public func webhookReport(from: Timestamp, to: Timestamp, groupBy: Granularity = .month) async throws -> WebhookReport {
        try await call(AnalyticsWebhooks.self, .init(from: from, to: to, groupBy: groupBy))
    }
}
