/// `ClockReading` on the wire: its JSON both ways.
extension ClockReading: MethodResult {
    public init(wire json: JSONValue) throws(RPCError) {
        guard let now = try WireField.time(json["now"], "now") else { throw RPCError(.internalError, "unexpected answer: 'now' is null") }
        self.init(now: now, testClock: try WireField.bool(json["test_clock"], "test_clock"))
    }

    public var wire: JSONValue { .object(["now": .string(now.rfc3339), "test_clock": .bool(testClock)]) }
}
