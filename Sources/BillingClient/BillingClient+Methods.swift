import BillingProtocol

/// Shorthands for the methods a product backend uses most, over the typed `call(_:_:)`; every
/// other method is one `call` away (see `BillingClient+Catalog.swift`).
extension BillingClient {
    public func consume(userID: String, amount: Int64, idempotencyKey: String? = nil, checkRateLimit: Bool = false,
                        dryRun: Bool = false, usage: UsageFields = UsageFields()) async throws -> Consumption {
        try await call(CreditsConsume.self, .init(userID: userID, amount: amount, checkRateLimit: checkRateLimit, dryRun: dryRun,
                                                  usage: usage, idempotencyKey: idempotencyKey))
    }

    public func credits(userID: String) async throws -> CreditBalance {
        try await call(CreditsGet.self, .init(userID: userID))
    }

    public func grant(userID: String, amount: Int64, source: CreditsGrant.Source = .purchase, expiresAt: Timestamp? = nil,
                      idempotencyKey: String? = nil) async throws -> CreditBalance {
        try await call(CreditsGrant.self, .init(userID: userID, amount: amount, source: source, expiresAt: expiresAt,
                                                idempotencyKey: idempotencyKey))
    }

    public func reserve(userID: String, amount: Int64, ttlMilliseconds: Int64? = nil, idempotencyKey: String? = nil) async throws -> Reservation {
        try await call(CreditsReserve.self, .init(userID: userID, amount: amount, ttlMilliseconds: ttlMilliseconds, idempotencyKey: idempotencyKey))
    }

    /// Spends `amount` of a reservation (all of it when nil) and gives back the rest.
    public func commit(reservationID: String, amount: Int64? = nil, usage: UsageFields = UsageFields(),
                       idempotencyKey: String? = nil) async throws -> Commitment {
        try await call(CreditsCommit.self, .init(reservationID: reservationID, amount: amount, usage: usage, idempotencyKey: idempotencyKey))
    }

    @discardableResult
    public func release(reservationID: String, idempotencyKey: String? = nil) async throws -> Release {
        try await call(CreditsRelease.self, .init(reservationID: reservationID, idempotencyKey: idempotencyKey))
    }

    /// Starts a subscription (trialing for `trialDays` > 0) with its first period of credits.
    public func createSubscription(userID: String, planID: String, trialDays: Int64? = nil, idempotencyKey: String? = nil)
        async throws -> SubscriptionStart
    {
        try await call(SubscriptionsCreate.self, .init(userID: userID, planID: planID, trialDays: trialDays, idempotencyKey: idempotencyKey))
    }

    public func checkRateLimit(userID: String, cost: Int64 = 1) async throws -> RateLimitDecision {
        try await call(RateLimitCheck.self, .init(userID: userID, cost: cost))
    }

    /// What the user's live plan allows (the free plan when there is none).
    public func entitlements(userID: String) async throws -> Entitlements {
        try await call(EntitlementsGet.self, .init(userID: userID))
    }

    public func health() async throws -> Health { try await call(SystemHealth.self, .init()) }
}
