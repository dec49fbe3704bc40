/// The answer of `credits.commit`: what was spent (one usage row), what went back, the balance after.
public struct Commitment: MethodResult, Equatable {
    public let reservationID: String
    public let usageID: String
    public let userID: String
    public let creditsUsed: Int64
    public let released: Int64
    public let currentCredits: Int64

    public init(reservationID: String, usageID: String, userID: String, creditsUsed: Int64, released: Int64, currentCredits: Int64) {
        self.reservationID = reservationID
        self.usageID = usageID
        self.userID = userID
        self.creditsUsed = creditsUsed
        self.released = released
        self.currentCredits = currentCredits
    }

    public static let fields: [(String, String)] = [
        ("reservation_id", "id"), ("usage_id", "the usage row"), ("user_id", "the user"), ("credits_used", "spent"),
        ("released", "given back"), ("current_credits", "balance after"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        reservationID = try WireField.string(json["reservation_id"], "reservation_id")
        usageID = try WireField.string(json["usage_id"], "usage_id")
        userID = try WireField.string(json["user_id"], "user_id")
        creditsUsed = try WireField.int(json["credits_used"], "credits_used")
        released = try WireField.int(json["released"], "released")
        currentCredits = try WireField.int(json["current_credits"], "current_credits")
    }

    public var wire: JSONValue {
        .object(["reservation_id": .string(reservationID), "usage_id": .string(usageID), "user_id": .string(userID),
                 "credits_used": .int(creditsUsed), "released": .int(released), "current_credits": .int(currentCredits)])
    }
}
