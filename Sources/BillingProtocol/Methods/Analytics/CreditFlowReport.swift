/// The answer of `analytics.credits`: per period, credits granted, used, expired and revoked.
public struct CreditFlowReport: MethodResult, Equatable {
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

    public init(wire json: JSONValue) throws(RPCError) {
        var periods: [Period] = []
        for p in try WireField.array(json["periods"], "periods") {
            periods.append(Period(period: try WireField.string(p["period"], "period"), granted: try WireField.wide(p["granted"], "granted"),
                                  used: try WireField.wide(p["used"], "used"), expired: try WireField.wide(p["expired"], "expired"),
                                  revoked: try WireField.wide(p["revoked"], "revoked")))
        }
        self.init(periods: periods)
    }

    public var wire: JSONValue {
        .object(["periods": .array(periods.map {
            .object(["period": .string($0.period), "granted": WireField.wire(wide: $0.granted), "used": WireField.wire(wide: $0.used),
                     "expired": WireField.wire(wide: $0.expired), "revoked": WireField.wire(wide: $0.revoked)])
        })])
    }
}
