import BillingProtocol

/// The answer of `credits.consume` and `credits.commit`.
public struct Consumption: Sendable, Equatable {
    public let usageID: String
    public let creditsUsed: Int64
    public let currentCredits: Int64

    init(_ json: JSONValue) throws {
        usageID = try ResultField.string(json["usage_id"], "usage_id")
        creditsUsed = try ResultField.int(json["credits_used"], "credits_used")
        currentCredits = try ResultField.int(json["current_credits"], "current_credits")
    }
}
