import BillingProtocol
import BillingStore

/// `billingd report`: the analytics of one range, gathered through the wire methods (from a
/// running daemon's socket, or straight from the database file), so the page shows exactly
/// what `analytics.*` answer.
public struct Report: Sendable {
    /// Asks one method: `(name, params) -> result`.
    public typealias Fetch = (String, JSONObject) throws -> JSONValue

    public let from: Timestamp
    public let to: Timestamp
    public let groupBy: Granularity
    public let generatedAt: Timestamp
    /// Where the numbers came from (a socket or a database path), shown on the page.
    public let source: String
    public let revenue: JSONValue
    public let subscriptions: JSONValue
    public let credits: JSONValue
    public let usage: JSONValue
    public let models: JSONValue
    public let topByCredits: JSONValue
    public let topByCost: JSONValue
    public let webhooks: JSONValue

    public static func gather(from: Timestamp, to: Timestamp, groupBy: Granularity, source: String, generatedAt: Timestamp,
                              fetch: Fetch) throws -> Report {
        let range: JSONObject = ["from": .string(from.rfc3339), "to": .string(to.rfc3339)]
        func ask(_ method: String, _ extra: JSONObject = [:]) throws -> JSONValue {
            var params = range
            for member in extra { params[member.key] = member.value }
            return try fetch(method, params)
        }
        let period: JSONObject = ["group_by": .string(groupBy.rawValue)]
        return Report(
            from: from, to: to, groupBy: groupBy, generatedAt: generatedAt, source: source,
            revenue: try ask("analytics.revenue", period), subscriptions: try ask("analytics.subscriptions", period),
            credits: try ask("analytics.credits", period), usage: try ask("analytics.usage", ["group_by": "usage_type"]),
            models: try ask("analytics.usage", ["group_by": "model"]), topByCredits: try ask("analytics.top_users", ["by": "credits_used"]),
            topByCost: try ask("analytics.top_users", ["by": "cost_usd"]), webhooks: try ask("analytics.webhooks", period))
    }

    /// Runs the analytics methods on `db` (a read-only connection, inside one read
    /// transaction for a consistent snapshot), validating params as the daemon does.
    public static func local(_ db: Connection) -> Fetch {
        let context = HandlerContext(clock: BillingClock(test: false), rateLimiter: RateLimiter(), now: BillingClock.systemNow())
        return { method, params in
            guard let handler = BillingService.analyticsHandlers.first(where: { $0.descriptor.name == method }) else {
                throw RPCError(.methodNotFound, "method '\(method)' not found")
            }
            return try handler.prepare(try ParamValidator.validate(params, against: handler.descriptor)).run(context, db).wire
        }
    }

    /// The bucket labels of the range, oldest first (every bucket, also the empty ones).
    var periods: [String] { groupBy.buckets(from: from, to: to).map(\.label) }
}
