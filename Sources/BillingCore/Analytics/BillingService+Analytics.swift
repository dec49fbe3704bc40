import BillingProtocol

extension BillingService {
    /// Every report is a read: a reader connection's snapshot, never the writer.
    static let analyticsHandlers: [Handler] = [
        .method("analytics.revenue") { _, db, p in
            try Analytics.revenue(db, try range(p), groupBy: try granularity(p)).json
        },
        .method("analytics.subscriptions") { _, db, p in
            try Analytics.subscriptions(db, try range(p), groupBy: try granularity(p)).json
        },
        .method("analytics.credits") { _, db, p in
            try Analytics.credits(db, try range(p), groupBy: try granularity(p)).json
        },
        .method("analytics.usage") { _, db, p in
            try Analytics.usage(db, try range(p), groupBy: p.requiredString("group_by"), user: p.string("user_id")).json
        },
        .method("analytics.top_users") { _, db, p in
            let users = try Analytics.topUsers(db, try range(p), by: p.string("by") ?? "credits_used", limit: p.int("limit") ?? 10)
            return .object(["users": .array(users.map(\.json))])
        },
        .method("analytics.webhooks") { _, db, p in
            try Analytics.webhooks(db, try range(p), groupBy: try granularity(p)).json
        },
    ]

    private static func range(_ p: Params) throws -> Analytics.Range {
        try Analytics.Range(from: p.time("from")!, to: p.time("to")!)
    }

    private static func granularity(_ p: Params) throws -> Granularity {
        guard let value = Granularity(rawValue: p.string("group_by") ?? "month") else {
            throw BillingError.invalidParams(field: "group_by", "group_by must be day, week or month")
        }
        return value
    }
}
