/// `RevenueReport` on the wire: its JSON both ways.
extension RevenueReport: MethodResult {
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
