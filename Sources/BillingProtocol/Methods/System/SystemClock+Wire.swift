/// `system.clock` on the wire: its catalog entry.
extension SystemClock: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "The daemon's current time.", result: [("now", "timestamp"), ("test_clock", "boolean")])
}
