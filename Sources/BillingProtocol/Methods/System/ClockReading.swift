/// The answer of `system.clock`: the daemon's time and whether it is the test clock.
public struct ClockReading: MethodResult, Equatable {
    public let now: Timestamp
    public let testClock: Bool

    public init(now: Timestamp, testClock: Bool) {
        self.now = now
        self.testClock = testClock
    }

    public init(wire json: JSONValue) throws(RPCError) {
        guard let now = try WireField.time(json["now"], "now") else { throw RPCError(.internalError, "unexpected answer: 'now' is null") }
        self.now = now
        testClock = try WireField.bool(json["test_clock"], "test_clock")
    }

    public var wire: JSONValue { .object(["now": .string(now.rfc3339), "test_clock": .bool(testClock)]) }
}
