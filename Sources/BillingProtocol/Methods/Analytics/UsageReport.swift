/// The answer of `analytics.usage`: usage per dimension value with exact response-time percentiles.
public struct UsageReport: MethodResult, Equatable {
    /// Nearest-rank percentiles (the value at rank ⌈p·n/100⌉ of the sorted times): always a
    /// time that really occurred, computed from every row, never interpolated.
    public struct Percentiles: Sendable, Equatable {
        public var count: Int64
        public var p50: Int64?
        public var p90: Int64?
        public var p95: Int64?
        public var p99: Int64?
        public var max: Int64?

        public init(count: Int64 = 0, p50: Int64? = nil, p90: Int64? = nil, p95: Int64? = nil, p99: Int64? = nil, max: Int64? = nil) {
            self.count = count
            self.p50 = p50
            self.p90 = p90
            self.p95 = p95
            self.p99 = p99
            self.max = max
        }

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

    public struct Group: Sendable, Equatable {
        public let key: String?
        public let requests: Int64
        public let creditsUsed: Int128
        public let tokensUsed: Int128
        public let costMicroUSD: Int128
        public var responseTimeMs: Percentiles

        public init(key: String?, requests: Int64, creditsUsed: Int128, tokensUsed: Int128, costMicroUSD: Int128,
                    responseTimeMs: Percentiles = Percentiles()) {
            self.key = key
            self.requests = requests
            self.creditsUsed = creditsUsed
            self.tokensUsed = tokensUsed
            self.costMicroUSD = costMicroUSD
            self.responseTimeMs = responseTimeMs
        }
    }

    public let groups: [Group]

    public init(groups: [Group]) { self.groups = groups }

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
