/// The answer of `usage.list`: rows newest first, and the cursor of the next page.
public struct UsagePage: MethodResult, Equatable {
    public let usage: [UsageRecord]
    public let nextCursor: String?

    public init(usage: [UsageRecord], nextCursor: String?) {
        self.usage = usage
        self.nextCursor = nextCursor
    }

    public init(wire json: JSONValue) throws(RPCError) {
        var usage: [UsageRecord] = []
        for row in try WireField.array(json["usage"], "usage") { usage.append(try UsageRecord(wire: row)) }
        self.usage = usage
        nextCursor = try WireField.optionalString(json["next_cursor"], "next_cursor")
    }

    public var wire: JSONValue { .object(["usage": .array(usage.map(\.wire)), "next_cursor": WireField.wire(nextCursor)]) }
}
