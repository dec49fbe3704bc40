/// The answer of `analytics.usage`: usage per dimension value with exact response-time percentiles.
public struct UsageReport: Sendable, Equatable {
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
}
