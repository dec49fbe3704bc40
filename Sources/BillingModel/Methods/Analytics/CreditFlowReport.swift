/// The answer of `analytics.credits`: per period, credits granted, used, expired and revoked.
public struct CreditFlowReport: Sendable, Equatable {
    public struct Period: Sendable, Equatable {
        public let period: String
        public var granted: Int128
        public var used: Int128
        public var expired: Int128
        public var revoked: Int128

        public init(period: String, granted: Int128 = 0, used: Int128 = 0, expired: Int128 = 0, revoked: Int128 = 0) {
            self.period = period
            self.granted = granted
            self.used = used
            self.expired = expired
            self.revoked = revoked
        }
    }

    public let periods: [Period]

    public init(periods: [Period]) { self.periods = periods }
}
