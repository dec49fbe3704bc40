/// The answer of `analytics.subscriptions`: how many subscriptions each plan has in each status
/// now, and per period and plan how many started, were cancelled (asked to end) and churned (ended).
public struct SubscriptionReport: MethodResult, Equatable {
    public struct StatusCount: Sendable, Equatable {
        public let planID: String
        public let status: SubscriptionStatus
        public let subscriptions: Int64

        public init(planID: String, status: SubscriptionStatus, subscriptions: Int64) {
            self.planID = planID
            self.status = status
            self.subscriptions = subscriptions
        }
    }

    public struct Period: Sendable, Equatable {
        public let period: String
        public let planID: String
        public var new: Int64
        public var cancelled: Int64
        public var churned: Int64

        public init(period: String, planID: String, new: Int64 = 0, cancelled: Int64 = 0, churned: Int64 = 0) {
            self.period = period
            self.planID = planID
            self.new = new
            self.cancelled = cancelled
            self.churned = churned
        }
    }

    public let byStatus: [StatusCount]
    public let periods: [Period]

    public init(byStatus: [StatusCount], periods: [Period]) {
        self.byStatus = byStatus
        self.periods = periods
    }

    public init(wire json: JSONValue) throws(RPCError) {
        var byStatus: [StatusCount] = []
        for s in try WireField.array(json["by_status"], "by_status") {
            guard let status = SubscriptionStatus(rawValue: try WireField.string(s["status"], "status")) else {
                throw RPCError(.internalError, "unexpected answer: 'status' is not a subscription status")
            }
            byStatus.append(StatusCount(planID: try WireField.string(s["plan_id"], "plan_id"), status: status,
                                        subscriptions: try WireField.int(s["subscriptions"], "subscriptions")))
        }
        var periods: [Period] = []
        for p in try WireField.array(json["periods"], "periods") {
            periods.append(Period(period: try WireField.string(p["period"], "period"), planID: try WireField.string(p["plan_id"], "plan_id"),
                                  new: try WireField.int(p["new"], "new"), cancelled: try WireField.int(p["cancelled"], "cancelled"),
                                  churned: try WireField.int(p["churned"], "churned")))
        }
        self.init(byStatus: byStatus, periods: periods)
    }

    public var wire: JSONValue {
        .object([
            "by_status": .array(byStatus.map {
                .object(["plan_id": .string($0.planID), "status": .string($0.status.rawValue), "subscriptions": .int($0.subscriptions)])
            }),
            "periods": .array(periods.map {
                .object(["period": .string($0.period), "plan_id": .string($0.planID), "new": .int($0.new),
                         "cancelled": .int($0.cancelled), "churned": .int($0.churned)])
            }),
        ])
    }
}
