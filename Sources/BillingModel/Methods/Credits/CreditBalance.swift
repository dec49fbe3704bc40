/// A user's balance as `credits.get` and `credits.grant` answer it: spendable and held credits,
/// lifetime totals, the current period and the live grants in spending order.
public struct CreditBalance: Sendable, Equatable {
    public struct Grant: Sendable, Equatable {
        public let grantID: String
        public let source: String
        public let amount: Int64
        public let remaining: Int64
        public let expiresAt: Timestamp?

        public init(grantID: String, source: String, amount: Int64, remaining: Int64, expiresAt: Timestamp?) {
            self.grantID = grantID
            self.source = source
            self.amount = amount
            self.remaining = remaining
            self.expiresAt = expiresAt
        }
    }

    public let userID: String
    public let currentCredits: Int64
    public let reservedCredits: Int64
    public let totalCreditsPurchased: Int64
    public let totalCreditsUsed: Int64
    public let totalCreditsExpired: Int64
    public let totalCreditsRevoked: Int64
    public let creditsUsedThisPeriod: Int64
    public let subscriptionID: String?
    public let periodStart: Timestamp?
    public let periodEnd: Timestamp?
    public let lastCreditRefill: Timestamp?
    public let nextCreditRefill: Timestamp?
    public let grants: [Grant]

    public init(userID: String, currentCredits: Int64, reservedCredits: Int64, totalCreditsPurchased: Int64, totalCreditsUsed: Int64,
                totalCreditsExpired: Int64, totalCreditsRevoked: Int64, creditsUsedThisPeriod: Int64, subscriptionID: String?,
                periodStart: Timestamp?, periodEnd: Timestamp?, lastCreditRefill: Timestamp?, nextCreditRefill: Timestamp?,
                grants: [Grant]) {
        self.userID = userID
        self.currentCredits = currentCredits
        self.reservedCredits = reservedCredits
        self.totalCreditsPurchased = totalCreditsPurchased
        self.totalCreditsUsed = totalCreditsUsed
        self.totalCreditsExpired = totalCreditsExpired
        self.totalCreditsRevoked = totalCreditsRevoked
        self.creditsUsedThisPeriod = creditsUsedThisPeriod
        self.subscriptionID = subscriptionID
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.lastCreditRefill = lastCreditRefill
        self.nextCreditRefill = nextCreditRefill
        self.grants = grants
    }
}
