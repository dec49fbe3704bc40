/// The answer of `credits.release`: every held credit given back.
public struct Release: MethodResult, Equatable {
    public let reservationID: String
    public let userID: String
    public let released: Int64
    public let currentCredits: Int64

    public init(reservationID: String, userID: String, released: Int64, currentCredits: Int64) {
        self.reservationID = reservationID
        self.userID = userID
        self.released = released
        self.currentCredits = currentCredits
    }

    public static let fields: [(String, String)] = [
        ("reservation_id", "id"), ("user_id", "the user"), ("released", "given back"), ("current_credits", "balance after"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        reservationID = try WireField.string(json["reservation_id"], "reservation_id")
        userID = try WireField.string(json["user_id"], "user_id")
        released = try WireField.int(json["released"], "released")
        currentCredits = try WireField.int(json["current_credits"], "current_credits")
    }

    public var wire: JSONValue {
        .object(["reservation_id": .string(reservationID), "user_id": .string(userID), "released": .int(released),
                 "current_credits": .int(currentCredits)])
    }
}
