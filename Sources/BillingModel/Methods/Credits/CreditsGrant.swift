/// `credits.grant`: adds credits (never-expiring unless `expires_at`).
public enum CreditsGrant: Command {
    public typealias Result = CreditBalance
    public static let name = "credits.grant"
    public static let access = MethodAccess.write

    public enum Source: String, Sendable, CaseIterable {
        case purchase, promo, adjustment, refund
    }

    public struct Parameters: Sendable, Equatable {
        public var userID: String
        public var amount: Int64
        public var source: Source
        public var expiresAt: Timestamp?
        public var description: String?
        public var idempotencyKey: String?

        public init(userID: String, amount: Int64, source: Source = .purchase, expiresAt: Timestamp? = nil, description: String? = nil,
                    idempotencyKey: String? = nil) {
            self.userID = userID
            self.amount = amount
            self.source = source
            self.expiresAt = expiresAt
            self.description = description
            self.idempotencyKey = idempotencyKey
        }
    }
}
