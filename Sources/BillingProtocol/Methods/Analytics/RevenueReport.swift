/// The answer of `analytics.revenue`: money received per period and currency, per plan, and MRR
/// per plan at each period's end. Amounts are exact integer cents, however large the sums.
public struct RevenueReport: MethodResult, Equatable {
    public struct Period: Sendable, Equatable {
        public let period: String
        public let currency: String
        public let payments: Int64
        /// Completed plus refunded payments (what was charged).
        public let gross: Int128
        public let refunded: Int128
        public var net: Int128 { gross - refunded }

        public init(period: String, currency: String, payments: Int64, gross: Int128, refunded: Int128) {
            self.period = period
            self.currency = currency
            self.payments = payments
            self.gross = gross
            self.refunded = refunded
        }
    }

    public struct PlanTotal: Sendable, Equatable {
        public let planID: String?
        public let currency: String
        public let payments: Int64
        public let net: Int128

        public init(planID: String?, currency: String, payments: Int64, net: Int128) {
            self.planID = planID
            self.currency = currency
            self.payments = payments
            self.net = net
        }
    }

    public struct MRR: Sendable, Equatable {
        public let period: String
        public let planID: String
        public let currency: String
        public let subscriptions: Int64
        /// Monthly recurring revenue in cents, rounded half up once, after summing exactly.
        public let mrr: Int128

        public init(period: String, planID: String, currency: String, subscriptions: Int64, mrr: Int128) {
            self.period = period
            self.planID = planID
            self.currency = currency
            self.subscriptions = subscriptions
            self.mrr = mrr
        }
    }

    public let periods: [Period]
    public let byPlan: [PlanTotal]
    public let mrr: [MRR]

    public init(periods: [Period], byPlan: [PlanTotal], mrr: [MRR]) {
        self.periods = periods
        self.byPlan = byPlan
        self.mrr = mrr
    }

    public init(wire json: JSONValue) throws(RPCError) {
        func cents(_ value: JSONValue?, _ name: String) throws(RPCError) -> Int128 { try WireField.wideMoney(value, scale: Money.priceScale, name) }
        var periods: [Period] = []
        for p in try WireField.array(json["periods"], "periods") {
            periods.append(Period(period: try WireField.string(p["period"], "period"), currency: try WireField.string(p["currency"], "currency"),
                                  payments: try WireField.int(p["payments"], "payments"), gross: try cents(p["gross"], "gross"),
                                  refunded: try cents(p["refunded"], "refunded")))
        }
        var byPlan: [PlanTotal] = []
        for p in try WireField.array(json["by_plan"], "by_plan") {
            byPlan.append(PlanTotal(planID: try WireField.optionalString(p["plan_id"], "plan_id"), currency: try WireField.string(p["currency"], "currency"),
                                    payments: try WireField.int(p["payments"], "payments"), net: try cents(p["net"], "net")))
        }
        var mrr: [MRR] = []
        for m in try WireField.array(json["mrr"], "mrr") {
            mrr.append(MRR(period: try WireField.string(m["period"], "period"), planID: try WireField.string(m["plan_id"], "plan_id"),
                           currency: try WireField.string(m["currency"], "currency"),
                           subscriptions: try WireField.int(m["subscriptions"], "subscriptions"), mrr: try cents(m["mrr"], "mrr")))
        }
        self.init(periods: periods, byPlan: byPlan, mrr: mrr)
    }

    public var wire: JSONValue {
        func cents(_ minor: Int128) -> JSONValue { .string(Money.text(minorUnits: minor, scale: Money.priceScale)) }
        return .object([
            "periods": .array(periods.map {
                .object(["period": .string($0.period), "currency": .string($0.currency), "payments": .int($0.payments),
                         "gross": cents($0.gross), "refunded": cents($0.refunded), "net": cents($0.net)])
            }),
            "by_plan": .array(byPlan.map {
                .object(["plan_id": WireField.wire($0.planID), "currency": .string($0.currency), "payments": .int($0.payments),
                         "net": cents($0.net)])
            }),
            "mrr": .array(mrr.map {
                .object(["period": .string($0.period), "plan_id": .string($0.planID), "currency": .string($0.currency),
                         "subscriptions": .int($0.subscriptions), "mrr": cents($0.mrr)])
            }),
        ])
    }
}
