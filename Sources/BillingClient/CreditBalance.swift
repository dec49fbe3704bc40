import BillingProtocol

/// The answer of `credits.get` (and `credits.grant`).
public struct CreditBalance: Sendable, Equatable {
    public struct Grant: Sendable, Equatable {
        public let grantID: String
        public let source: String
        public let amount: Int64
        public let remaining: Int64
        public let expiresAt: Timestamp?
    }

    public let userID: String
    public let currentCredits: Int64
    public let reservedCredits: Int64
    public let totalCreditsPurchased: Int64
    public let totalCreditsUsed: Int64
    public let totalCreditsExpired: Int64
    public let creditsUsedThisPeriod: Int64
    public let periodEnd: Timestamp?
    public let nextCreditRefill: Timestamp?
    public let grants: [Grant]

    init(_ json: JSONValue) throws {
        userID = try ResultField.string(json["user_id"], "user_id")
        currentCredits = try ResultField.int(json["current_credits"], "current_credits")
        reservedCredits = try ResultField.int(json["reserved_credits"], "reserved_credits")
        totalCreditsPurchased = try ResultField.int(json["total_credits_purchased"], "total_credits_purchased")
        totalCreditsUsed = try ResultField.int(json["total_credits_used"], "total_credits_used")
        totalCreditsExpired = try ResultField.int(json["total_credits_expired"], "total_credits_expired")
        creditsUsedThisPeriod = try ResultField.int(json["credits_used_this_period"], "credits_used_this_period")
        periodEnd = try ResultField.time(json["period_end"], "period_end")
        nextCreditRefill = try ResultField.time(json["next_credit_refill"], "next_credit_refill")
        grants = try (json["grants"]?.arrayValue ?? []).map { grant in
            Grant(grantID: try ResultField.string(grant["grant_id"], "grant_id"), source: try ResultField.string(grant["source"], "source"),
                  amount: try ResultField.int(grant["amount"], "amount"), remaining: try ResultField.int(grant["remaining"], "remaining"),
                  expiresAt: try ResultField.time(grant["expires_at"], "expires_at"))
        }
    }
}
