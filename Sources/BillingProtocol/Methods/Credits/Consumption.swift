/// The answer of `credits.consume`: the usage row written and the balance after.
public struct Consumption: MethodResult, Equatable {
    public let usageID: String
    public let userID: String
    public let creditsUsed: Int64
    public let currentCredits: Int64
    /// True when nothing was written (`dry_run`): the answer is what the consume would have done.
    public let dryRun: Bool

    public init(usageID: String, userID: String, creditsUsed: Int64, currentCredits: Int64, dryRun: Bool) {
        self.usageID = usageID
        self.userID = userID
        self.creditsUsed = creditsUsed
        self.currentCredits = currentCredits
        self.dryRun = dryRun
    }

    public static let fields: [(String, String)] = [
        ("usage_id", "the usage row"), ("user_id", "the user"), ("credits_used", "amount"), ("current_credits", "balance after"),
        ("dry_run", "boolean"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        usageID = try WireField.string(json["usage_id"], "usage_id")
        userID = try WireField.string(json["user_id"], "user_id")
        creditsUsed = try WireField.int(json["credits_used"], "credits_used")
        currentCredits = try WireField.int(json["current_credits"], "current_credits")
        dryRun = try WireField.bool(json["dry_run"], "dry_run")
    }

    public var wire: JSONValue {
        .object(["usage_id": .string(usageID), "user_id": .string(userID), "credits_used": .int(creditsUsed),
                 "current_credits": .int(currentCredits), "dry_run": .bool(dryRun)])
    }
}
