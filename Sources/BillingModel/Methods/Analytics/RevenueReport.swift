/// The answer of `analytics.revenue`: money received per period and currency, per plan, and MRR
/// per plan at each period's end. Amounts are exact integer cents, however large the sums.
public struct RevenueReport: Sendable, Equatable {
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
}
