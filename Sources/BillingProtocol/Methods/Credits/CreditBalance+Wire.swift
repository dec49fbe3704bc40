/// `CreditBalance` on the wire: its members, and its JSON both ways.
extension CreditBalance: MethodResult {
    /// The members, in the order the spec documents them (`system.methods`, `Protocol/`).
    public static let fields: [(String, String)] = [
        ("user_id", "the user"), ("current_credits", "spendable now"), ("reserved_credits", "held by reservations"),
        ("total_credits_purchased", "every credit ever granted (at most 2^63-1 per user)"),
        ("total_credits_used", "spent by consume and commit"), ("total_credits_expired", "expired unspent"),
        ("total_credits_revoked", "taken back by refunds"), ("credits_used_this_period", "spent since the period started"),
        ("subscription_id", "string or null"), ("period_start", "timestamp or null"), ("period_end", "timestamp or null"),
        ("last_credit_refill", "timestamp or null"), ("next_credit_refill", "timestamp or null"),
        ("grants", "[{grant_id, source, amount, remaining, expires_at}], spending order"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        var grants: [Grant] = []
        for grant in try WireField.array(json["grants"], "grants") {
            grants.append(Grant(grantID: try WireField.string(grant["grant_id"], "grant_id"), source: try WireField.string(grant["source"], "source"),
                                amount: try WireField.int(grant["amount"], "amount"), remaining: try WireField.int(grant["remaining"], "remaining"),
                                expiresAt: try WireField.time(grant["expires_at"], "expires_at")))
        }
        self.init(
            userID: try WireField.string(json["user_id"], "user_id"),
            currentCredits: try WireField.int(json["current_credits"], "current_credits"),
            reservedCredits: try WireField.int(json["reserved_credits"], "reserved_credits"),
            totalCreditsPurchased: try WireField.int(json["total_credits_purchased"], "total_credits_purchased"),
            totalCreditsUsed: try WireField.int(json["total_credits_used"], "total_credits_used"),
            totalCreditsExpired: try WireField.int(json["total_credits_expired"], "total_credits_expired"),
            totalCreditsRevoked: try WireField.int(json["total_credits_revoked"], "total_credits_revoked"),
            creditsUsedThisPeriod: try WireField.int(json["credits_used_this_period"], "credits_used_this_period"),
            subscriptionID: try WireField.optionalString(json["subscription_id"], "subscription_id"),
            periodStart: try WireField.time(json["period_start"], "period_start"), periodEnd: try WireField.time(json["period_end"], "period_end"),
            lastCreditRefill: try WireField.time(json["last_credit_refill"], "last_credit_refill"),
            nextCreditRefill: try WireField.time(json["next_credit_refill"], "next_credit_refill"), grants: grants)
    }

    public var wire: JSONValue {
        .object([
            "user_id": .string(userID), "current_credits": .int(currentCredits), "reserved_credits": .int(reservedCredits),
            "total_credits_purchased": .int(totalCreditsPurchased), "total_credits_used": .int(totalCreditsUsed),
            "total_credits_expired": .int(totalCreditsExpired), "total_credits_revoked": .int(totalCreditsRevoked),
            "credits_used_this_period": .int(creditsUsedThisPeriod), "subscription_id": WireField.wire(subscriptionID),
            "period_start": WireField.wire(periodStart), "period_end": WireField.wire(periodEnd),
            "last_credit_refill": WireField.wire(lastCreditRefill), "next_credit_refill": WireField.wire(nextCreditRefill),
            "grants": .array(grants.map { grant in
                .object([
                    "grant_id": .string(grant.grantID), "source": .string(grant.source), "amount": .int(grant.amount),
                    "remaining": .int(grant.remaining), "expires_at": WireField.wire(grant.expiresAt),
                ])
            }),
        ])
    }
}
