/// The answer of `credits.reserve`: the hold and the balance after.
public struct Reservation: MethodResult, Equatable {
    public let reservationID: String
    public let userID: String
    public let amount: Int64
    public let expiresAt: Timestamp
    public let currentCredits: Int64

    public init(reservationID: String, userID: String, amount: Int64, expiresAt: Timestamp, currentCredits: Int64) {
        self.reservationID = reservationID
        self.userID = userID
        self.amount = amount
        self.expiresAt = expiresAt
        self.currentCredits = currentCredits
    }

    public static let fields: [(String, String)] = [
        ("reservation_id", "id"), ("user_id", "the user"), ("amount", "held"), ("expires_at", "timestamp"), ("current_credits", "balance after"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        reservationID = try WireField.string(json["reservation_id"], "reservation_id")
        userID = try WireField.string(json["user_id"], "user_id")
        amount = try WireField.int(json["amount"], "amount")
        guard let expiresAt = try WireField.time(json["expires_at"], "expires_at") else {
            throw RPCError(.internalError, "unexpected answer: 'expires_at' is null")
        }
        self.expiresAt = expiresAt
        currentCredits = try WireField.int(json["current_credits"], "current_credits")
    }

    public var wire: JSONValue {
        .object(["reservation_id": .string(reservationID), "user_id": .string(userID), "amount": .int(amount),
                 "expires_at": .string(expiresAt.rfc3339), "current_credits": .int(currentCredits)])
    }
}
