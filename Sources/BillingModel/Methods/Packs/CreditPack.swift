/// A Lemon Squeezy variant sold as a one-off bundle of credits (`credit_packs`).
public struct CreditPack: Sendable, Equatable {
    public let variantID: String
    public let credits: Int64
    public let name: String?
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    public init(variantID: String, credits: Int64, name: String?, createdAt: Timestamp, updatedAt: Timestamp) {
        self.variantID = variantID
        self.credits = credits
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
