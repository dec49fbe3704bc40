/// The answer of `payments.list`: payments newest first, and the cursor of the next page.
public struct PaymentPage: MethodResult, Equatable {
    public let payments: [Payment]
    public let nextCursor: String?

    public init(payments: [Payment], nextCursor: String?) {
        self.payments = payments
        self.nextCursor = nextCursor
    }

    public init(wire json: JSONValue) throws(RPCError) {
        var payments: [Payment] = []
        for item in try WireField.array(json["payments"], "payments") { payments.append(try Payment(wire: item)) }
        self.payments = payments
        nextCursor = try WireField.optionalString(json["next_cursor"], "next_cursor")
    }

    public var wire: JSONValue { .object(["payments": .array(payments.map(\.wire)), "next_cursor": WireField.wire(nextCursor)]) }
}
