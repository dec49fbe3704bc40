/// `UsageReport` on the wire: its JSON both ways.
extension UsageReport: MethodResult {
    public init(wire json: JSONValue) throws(RPCError) {
        var groups: [Group] = []
        for g in try WireField.array(json["rows"], "rows") {
            groups.append(Group(key: try WireField.optionalString(g["key"], "key"), requests: try WireField.int(g["requests"], "requests"),
                                creditsUsed: try WireField.wide(g["credits_used"], "credits_used"),
                                tokensUsed: try WireField.wide(g["tokens_used"], "tokens_used"),
                                costMicroUSD: try WireField.wideMoney(g["cost_usd"], scale: Money.costScale, "cost_usd"),
                                responseTimeMs: try Percentiles(wire: g["response_time_ms"])))
        }
        self.init(groups: groups)
    }

    public var wire: JSONValue {
        .object(["rows": .array(groups.map {
            .object(["key": WireField.wire($0.key), "requests": .int($0.requests), "credits_used": WireField.wire(wide: $0.creditsUsed),
                     "tokens_used": WireField.wire(wide: $0.tokensUsed),
                     "cost_usd": .string(Money.text(minorUnits: $0.costMicroUSD, scale: Money.costScale)),
                     "response_time_ms": $0.responseTimeMs.wire])
        })])
    }
}

extension UsageReport.Percentiles {
    init(wire json: JSONValue?) throws(RPCError) {
        self.init(count: try WireField.int(json?["count"], "count"), p50: try WireField.optionalInt(json?["p50"], "p50"),
                  p90: try WireField.optionalInt(json?["p90"], "p90"), p95: try WireField.optionalInt(json?["p95"], "p95"),
                  p99: try WireField.optionalInt(json?["p99"], "p99"), max: try WireField.optionalInt(json?["max"], "max"))
    }

    var wire: JSONValue {
        .object(["count": .int(count), "p50": WireField.wire(p50), "p90": WireField.wire(p90), "p95": WireField.wire(p95),
                 "p99": WireField.wire(p99), "max": WireField.wire(max)])
    }
}
