import BillingProtocol

/// Random sequences of *valid* requests whose values sit at the edges: 0, 1, 2^31, 2^53, 2^62,
/// 2^63 − 1 and its neighbours, long and non-ASCII ids, huge money strings, clock jumps, plan
/// changes under live subscriptions, payment repeats. Each request alone is valid; together
/// they push balances, holds, totals and sums to their bounds. What must hold after every step
/// is `EdgeChecker`'s business. The in-process and socket property tests and the libFuzzer
/// target in `Fuzz/` all draw from this one generator.
public struct EdgeSequence {
    public static let users = ["edge-a", "edge-b", "édge-ü-😀", String(repeating: "u", count: 255)]
    public static let credits: [Int64] = [1, 2, 5, 20, 1 << 31, 1 << 53, 1 << 62, Int64.max - 1, Int64.max]
    public static let counts: [Int64] = [0, 1, 2, 1 << 31, 1 << 53, 1 << 62, Int64.max]
    public static let costs: [JSONValue] = ["0", "0.000001", "1.5", "9.990000", "4611686018427.387904", "9223372036854.775807"]
    public static let moves: [Int64] = [0, 1, 1_000, 60_000, 120_000, 3_600_000, 86_400_000, 31 * 86_400_000, 400 * 86_400_000]

    private var reservations: [String] = []
    private var subscriptions: [String] = []
    private var payments: [String] = []
    private var orders: [(id: String, params: JSONObject)] = []
    private var serial = 0

    public init() {}

    /// Remembers ids from an answer so later requests can name them.
    public mutating func observe(_ request: EdgeRequest, _ result: JSONValue) {
        switch request.method {
        case "credits.reserve": if let id = result["reservation_id"]?.stringValue { reservations.append(id) }
        case "subscriptions.create": if let id = result["subscription"]?["id"]?.stringValue { subscriptions.append(id) }
        case "payments.record":
            if let id = result["id"]?.stringValue { payments.append(id) }
            if let order = request.params["lemon_squeezy_order_id"]?.stringValue { orders.append((order, request.params)) }
        default: break
        }
    }

    public mutating func next<Source: ChoiceSource>(_ source: inout Source) -> EdgeRequest {
        serial += 1
        let user = JSONValue.string(source.pick(Self.users))
        func credits() -> JSONValue { .int(source.pick(Self.credits)) }
        switch source.choose(16) {
        case 0, 1:
            var params: JSONObject = ["user_id": user, "amount": credits()]
            if source.coin() { params["source"] = .string(source.pick(["purchase", "promo", "adjustment", "refund"])) }
            return EdgeRequest(method: "credits.grant", params: params)
        case 2, 3:
            var params: JSONObject = ["user_id": user, "amount": credits(), "tokens_used": .int(source.pick(Self.counts)),
                                      "cost_usd": source.pick(Self.costs), "response_time_ms": .int(source.pick([0, 1, Int64(Int32.max)])),
                                      "product_count": .int(source.pick([0, 1, Int64(Int32.max)])),
                                      "metadata": .object(["n": .int(source.pick(Self.counts)), "s": "ü"])]
            if source.coin() { params["idempotency_key"] = .string("key-\(source.choose(4))") }
            if source.coin() { params["check_rate_limit"] = true }
            if source.choose(4) == 0 { params["dry_run"] = true }
            return EdgeRequest(method: "credits.consume", params: params)
        case 4:
            return EdgeRequest(method: "credits.reserve", params: ["user_id": user, "amount": credits(),
                                                                    "ttl_ms": .int(source.pick([1, 1_000, 120_000, 86_400_000]))])
        case 5 where !reservations.isEmpty:
            let id = JSONValue.string(source.pick(reservations))
            switch source.choose(3) {
            case 0: return EdgeRequest(method: "credits.release", params: ["reservation_id": id])
            case 1: return EdgeRequest(method: "credits.commit", params: ["reservation_id": id])
            default:
                return EdgeRequest(method: "credits.commit", params: ["reservation_id": id, "amount": .int(source.pick([0, 1, 5])),
                                                                       "tokens_used": .int(source.pick(Self.counts)),
                                                                       "cost_usd": source.pick(Self.costs)])
            }
        case 6:
            return EdgeRequest(method: "system.clock.advance", params: ["ms": .int(source.pick(Self.moves))])
        case 7:
            let plan = source.pick(["free", "basic"])
            return EdgeRequest(method: "plans.upsert", params: [
                "id": .string(plan), "name": "Edge plan", "price": plan == "free" ? "0" : "9.99",
                "credits_per_period": .int(source.pick([0, 10, 20, 1 << 62, Int64.max])),
                "requests_per_minute": .int(source.pick([0, 1, 5, Int64.max])),
            ])
        case 8:
            var params: JSONObject = ["user_id": user, "plan_id": .string(source.pick(["free", "basic", "pro"]))]
            if source.coin() { params["trial_days"] = .int(source.pick([1, 365])) }
            return EdgeRequest(method: "subscriptions.create", params: params)
        case 9 where !subscriptions.isEmpty:
            let id = JSONValue.string(source.pick(subscriptions))
            let method = source.pick(["subscriptions.renew", "subscriptions.cancel", "subscriptions.pause", "subscriptions.resume",
                                      "subscriptions.change_plan"])
            var params: JSONObject = ["subscription_id": id]
            if method == "subscriptions.change_plan" { params["plan_id"] = .string(source.pick(["free", "basic", "enterprise"])) }
            if method == "subscriptions.cancel" { params["at_period_end"] = .bool(source.coin()) }
            return EdgeRequest(method: method, params: params)
        case 10:
            if !orders.isEmpty && source.coin() {
                // A repeat of a recorded order: the same params, or one field changed (1003).
                var (order, params) = source.pick(orders)
                if source.coin() { params["status"] = .string(source.pick(["pending", "completed", "failed"])) }
                params["lemon_squeezy_order_id"] = .string(order)
                return EdgeRequest(method: "payments.record", params: params)
            }
            return EdgeRequest(method: "payments.record", params: [
                "user_id": user, "amount": source.pick(["0", "4.99", "92233720368547758.07"]), "currency": "USD",
                "status": .string(source.pick(["pending", "completed"])), "credits_awarded": .int(source.pick(Self.counts)),
                "lemon_squeezy_order_id": .string("ord-\(serial)"),
            ])
        case 11 where !payments.isEmpty:
            return EdgeRequest(method: "payments.update_status", params: [
                "payment_id": .string(source.pick(payments)), "status": .string(source.pick(["completed", "failed", "refunded"])),
            ])
        case 12:
            return EdgeRequest(method: "ratelimit.check", params: ["user_id": user, "cost": .int(source.pick([1, 2, 1_000_000]))])
        case 13:
            return EdgeRequest(method: "usage.summary", params: [
                "from": "2000-01-01T00:00:00Z", "to": "9999-01-01T00:00:00Z",
                "group_by": .string(source.pick(["day", "usage_type", "category", "language_code", "endpoint_used"])),
            ])
        default:
            return EdgeRequest(method: "credits.get", params: ["user_id": user])
        }
    }
}
