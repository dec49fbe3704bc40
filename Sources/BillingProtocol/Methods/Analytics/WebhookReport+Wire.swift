/// `WebhookReport` on the wire: its JSON both ways.
extension WebhookReport: MethodResult {
    public init(wire json: JSONValue) throws(RPCError) {
        var rows: [Row] = []
        for r in try WireField.array(json["rows"], "rows") {
            rows.append(Row(period: try WireField.string(r["period"], "period"), eventName: try WireField.string(r["event_name"], "event_name"),
                            outcome: try WireField.string(r["outcome"], "outcome"), deliveries: try WireField.int(r["deliveries"], "deliveries")))
        }
        self.init(rows: rows)
    }

    public var wire: JSONValue {
        .object(["rows": .array(rows.map {
            .object(["period": .string($0.period), "event_name": .string($0.eventName), "outcome": .string($0.outcome),
                     "deliveries": .int($0.deliveries)])
        })])
    }
}
