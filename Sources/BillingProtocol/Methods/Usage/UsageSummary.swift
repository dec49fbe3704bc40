/// The answer of `usage.summary`: exact totals per group. Sums are 128-bit (see
/// `Protocol/README.md` 5.2): past 2^63−1 they are still exact on the wire.
public struct UsageSummary: MethodResult, Equatable {
    public struct Row: Sendable, Equatable {
        /// The group's key; null for rows without that field.
        public let key: String?
        public let requests: Int64
        public let creditsUsed: Int128
        public let productCount: Int128
        public let tokensUsed: Int128
        /// Micro-dollars.
        public let costUSDMinorUnits: Int128
        public let averageResponseTimeMs: Int128?

        public init(key: String?, requests: Int64, creditsUsed: Int128, productCount: Int128, tokensUsed: Int128,
                    costUSDMinorUnits: Int128, averageResponseTimeMs: Int128?) {
            self.key = key
            self.requests = requests
            self.creditsUsed = creditsUsed
            self.productCount = productCount
            self.tokensUsed = tokensUsed
            self.costUSDMinorUnits = costUSDMinorUnits
            self.averageResponseTimeMs = averageResponseTimeMs
        }

        init(wire json: JSONValue) throws(RPCError) {
            key = try WireField.optionalString(json["key"], "key")
            requests = try WireField.int(json["requests"], "requests")
            creditsUsed = try WireField.wide(json["credits_used"], "credits_used")
            productCount = try WireField.wide(json["product_count"], "product_count")
            tokensUsed = try WireField.wide(json["tokens_used"], "tokens_used")
            guard let cost = json["cost_usd"]?.stringValue, let minor = UsageSummary.minorUnits(cost) else {
                throw RPCError(.internalError, "unexpected answer: 'cost_usd' is not a decimal string")
            }
            costUSDMinorUnits = minor
            averageResponseTimeMs = json["avg_response_time_ms"] == .null ? nil : try WireField.wide(json["avg_response_time_ms"], "avg_response_time_ms")
        }

        var wire: JSONValue {
            .object([
                "key": WireField.wire(key), "requests": .int(requests), "credits_used": .number(String(creditsUsed)),
                "product_count": .number(String(productCount)), "tokens_used": .number(String(tokensUsed)),
                "cost_usd": .string(Money.text(minorUnits: costUSDMinorUnits, scale: Money.costScale)),
                "avg_response_time_ms": averageResponseTimeMs.map { .number(String($0)) } ?? .null,
            ])
        }
    }

    public let rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    public init(wire json: JSONValue) throws(RPCError) {
        var rows: [Row] = []
        for row in try WireField.array(json["rows"], "rows") { rows.append(try Row(wire: row)) }
        self.rows = rows
    }

    public var wire: JSONValue { .object(["rows": .array(rows.map(\.wire))]) }

    /// `"12.345678"` as micro-dollars, exactly (the wire's 6-decimal form only).
    static func minorUnits(_ text: String) -> Int128? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == Money.costScale, let whole = Int128(String(parts[0])), let fraction = Int128(String(parts[1]))
        else { return nil }
        return whole * 1_000_000 + fraction
    }
}
