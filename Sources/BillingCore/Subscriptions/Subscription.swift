import BillingProtocol
import BillingStore

/// A row of `user_subscriptions`.
struct Subscription: Sendable {
    static let liveStatuses = ["trialing", "active", "past_due", "paused"]

    let id: String
    let userID: String
    let planID: String
    let status: String
    let periodStart: Timestamp
    let periodEnd: Timestamp
    let cancelAtPeriodEnd: Bool
    let row: Row

    init(row: Row) {
        self.row = row
        id = row.string("id")
        userID = row.string("user_id")
        planID = row.string("plan_id")
        status = row.string("status")
        periodStart = Timestamp(milliseconds: row.int("current_period_start"))
        periodEnd = Timestamp(milliseconds: row.int("current_period_end"))
        cancelAtPeriodEnd = row.bool("cancel_at_period_end")
    }

    var isLive: Bool { Subscription.liveStatuses.contains(status) }

    var json: JSONValue {
        func text(_ name: String) -> JSONValue { row.optionalString(name).map { .string($0) } ?? .null }
        func time(_ name: String) -> JSONValue { row.optionalInt(name).map { .string(Timestamp(milliseconds: $0).rfc3339) } ?? .null }
        return .object([
            "id": .string(id), "subscription_id": .string(id), "user_id": .string(userID), "plan_id": .string(planID),
            "status": .string(status), "current_period_start": time("current_period_start"),
            "current_period_end": time("current_period_end"), "cancel_at_period_end": .bool(cancelAtPeriodEnd),
            "lemon_squeezy_subscription_id": text("lemon_squeezy_subscription_id"),
            "lemon_squeezy_customer_id": text("lemon_squeezy_customer_id"),
            "customer_portal_url": text("customer_portal_url"), "update_payment_method_url": text("update_payment_method_url"),
            "trial_start": time("trial_start"), "trial_end": time("trial_end"), "cancelled_at": time("cancelled_at"),
            "paused_at": time("paused_at"), "ended_at": time("ended_at"),
            "metadata": (try? JSONParser.parse(row.string("metadata"))) ?? .object(JSONObject()),
            "created_at": time("created_at"), "updated_at": time("updated_at"),
        ])
    }
}
