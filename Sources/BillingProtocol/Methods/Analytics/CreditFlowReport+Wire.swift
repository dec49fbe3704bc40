/// `CreditFlowReport` on the wire: its JSON both ways.
extension CreditFlowReport: MethodResult {
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
