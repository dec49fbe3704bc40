/// `system.clock`: the daemon's current time, answered by the server.
public enum SystemClock: BillingMethod {
    public typealias Result = ClockReading
    public typealias Parameters = NoParameters

    public static let descriptor = MethodDescriptor(
        "system.clock", "The daemon's current time.", access: .server, result: [("now", "timestamp"), ("test_clock", "boolean")])
}
