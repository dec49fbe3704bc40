import BillingProtocol
import BillingStore

/// `payments.*`: payment history, and the credits a completed payment awards (exactly once).
///
///     pending ──> completed ──> refunded
///        └──────> failed
enum Payments {
    static let statuses = ["pending", "completed", "failed", "refunded"]

    static func find(_ db: Connection, _ id: String) throws -> Row? {
        try db.queryOne("SELECT * FROM payment_history WHERE id = ?", [.text(id)])
    }

    static func get(_ db: Connection, _ id: String) throws -> Row {
        guard let row = try find(db, id) else { throw BillingError.notFound("payment", id) }
        return row
    }

    static func json(_ row: Row) -> JSONValue {
        func text(_ name: String) -> JSONValue { row.optionalString(name).map { .string($0) } ?? .null }
        func time(_ name: String) -> JSONValue { row.optionalInt(name).map { .string(Timestamp(milliseconds: $0).rfc3339) } ?? .null }
        return .object([
            "id": .string(row.string("id")), "payment_id": .string(row.string("id")), "user_id": .string(row.string("user_id")),
            "amount": .string(Money(minorUnits: row.int("amount"), scale: Money.priceScale).description),
            "currency": .string(row.string("currency")), "status": .string(row.string("status")),
            "payment_method": .string(row.string("payment_method")), "payment_provider": .string(row.string("payment_provider")),
            "lemon_squeezy_order_id": text("lemon_squeezy_order_id"),
            "lemon_squeezy_subscription_id": text("lemon_squeezy_subscription_id"),
            "lemon_squeezy_customer_id": text("lemon_squeezy_customer_id"), "subscription_id": text("subscription_id"),
            "credits_awarded": .int(row.int("credits_awarded")), "plan_id": text("plan_id"),
            "transaction_type": .string(row.string("transaction_type")), "description": text("description"),
            "metadata": (try? JSONParser.parse(row.string("metadata"))) ?? .object(JSONObject()),
            "created_at": time("created_at"), "updated_at": time("updated_at"), "processed_at": time("processed_at"),
        ])
    }

    /// How each `payments.record` param reads back from a stored row, for a repeat of the same
    /// `lemon_squeezy_order_id`: the stored payment is returned only when every param the repeat
    /// gives matches it; any difference (a new status included) is 1003, never a silent no-op.
    static let repeatChecks: [(param: String, column: String, value: @Sendable (Params) -> SQLValue?)] = [
        ("payment_id", "id", { $0.string("payment_id").map { .text($0) } }),
        ("user_id", "user_id", { .text($0.requiredString("user_id")) }),
        ("amount", "amount", { $0.money("amount").map { .integer($0.minorUnits) } }),
        ("currency", "currency", { .text($0.requiredString("currency")) }),
        ("status", "status", { .text($0.requiredString("status")) }),
        ("payment_method", "payment_method", { $0.string("payment_method").map { .text($0) } }),
        ("payment_provider", "payment_provider", { $0.string("payment_provider").map { .text($0) } }),
        ("lemon_squeezy_subscription_id", "lemon_squeezy_subscription_id", { $0.string("lemon_squeezy_subscription_id").map { .text($0) } }),
        ("lemon_squeezy_customer_id", "lemon_squeezy_customer_id", { $0.string("lemon_squeezy_customer_id").map { .text($0) } }),
        ("subscription_id", "subscription_id", { $0.string("subscription_id").map { .text($0) } }),
        ("plan_id", "plan_id", { $0.string("plan_id").map { .text($0) } }),
        ("credits_awarded", "credits_awarded", { $0.int("credits_awarded").map { .integer($0) } }),
        ("transaction_type", "transaction_type", { $0.string("transaction_type").map { .text($0) } }),
        ("description", "description", { $0.string("description").map { .text($0) } }),
        ("metadata", "metadata", { $0.json("metadata").map { .text($0.serialized()) } }),
    ]

    static func record(_ db: Connection, _ p: Params, now: Timestamp) throws -> JSONValue {
        let currency = p.requiredString("currency")
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw BillingError.invalidParams(field: "currency", "'currency' must be a 3-letter upper-case code")
        }
        if let order = p.string("lemon_squeezy_order_id"),
            let stored = try db.queryOne("SELECT * FROM payment_history WHERE lemon_squeezy_order_id = ?", [.text(order)])
        {
            for check in repeatChecks {
                guard let given = check.value(p), given != stored.value(check.column) else { continue }
                let hint = check.param == "status" ? " (change a status with payments.update_status)" : ""
                throw BillingError(.idempotencyConflict,
                                   "lemon_squeezy_order_id '\(order)' was recorded with a different \(check.param)\(hint)",
                                   details: ["field": .string(check.param), "payment_id": .string(stored.string("id"))])
            }
            return json(stored)
        }
        let id = p.string("payment_id") ?? IDGenerator.make("pay")
        if try find(db, id) != nil { throw BillingError(.alreadyExists, "payment '\(id)' already exists", details: ["payment_id": .string(id)]) }
        if let plan = p.string("plan_id") { _ = try Plans.get(db, plan) }
        if let subscription = p.string("subscription_id") { _ = try Subscriptions.get(db, subscription) }
        let status = p.requiredString("status")
        try db.run("""
            INSERT INTO payment_history (id, user_id, amount, currency, status, payment_method, payment_provider,
                lemon_squeezy_order_id, lemon_squeezy_subscription_id, lemon_squeezy_customer_id, subscription_id,
                credits_awarded, plan_id, transaction_type, description, metadata, created_at, updated_at, processed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(p.requiredString("user_id")), .integer(p.money("amount")!.minorUnits), .text(currency), .text(status),
                .text(p.string("payment_method") ?? "lemon_squeezy"), .text(p.string("payment_provider") ?? "lemon_squeezy"),
                .optional(p.string("lemon_squeezy_order_id")), .optional(p.string("lemon_squeezy_subscription_id")),
                .optional(p.string("lemon_squeezy_customer_id")), .optional(p.string("subscription_id")),
                .integer(p.int("credits_awarded") ?? 0), .optional(p.string("plan_id")),
                .text(p.string("transaction_type") ?? "subscription"), .optional(p.string("description")),
                .text(p.json("metadata")?.serialized() ?? "{}"), .integer(now.milliseconds), .integer(now.milliseconds),
                status == "pending" ? .null : .integer(now.milliseconds),
            ])
        if status == "completed" { try award(db, try get(db, id), field: "credits_awarded", now: now) }
        return json(try get(db, id))
    }

    /// Grants a completed payment's credits; they never expire. `field` is the param blamed
    /// when the grant would pass the user's lifetime limit.
    static func award(_ db: Connection, _ payment: Row, field: String, now: Timestamp) throws {
        let credits = payment.int("credits_awarded")
        guard credits > 0 else { return }
        try Ledger.grant(db, payment.string("user_id"), amount: credits, source: "purchase", expiresAt: nil,
                         paymentID: payment.string("id"), description: payment.optionalString("description"), field: field, now: now)
    }

    static func updateStatus(_ db: Connection, _ id: String, to status: String, now: Timestamp) throws -> JSONValue {
        let payment = try get(db, id)
        let from = payment.string("status")
        let allowed: [String: [String]] = ["pending": ["completed", "failed"], "completed": ["refunded"]]
        guard allowed[from, default: []].contains(status) else {
            throw BillingError.invalidState("a \(from) payment cannot become \(status)", state: from)
        }
        try db.run("UPDATE payment_history SET status = ?, updated_at = ?, processed_at = ? WHERE id = ?",
                   [.text(status), .integer(now.milliseconds), .integer(now.milliseconds), .text(id)])
        if status == "completed" { try award(db, payment, field: "status", now: now) }
        if status == "refunded" { try revoke(db, payment, now: now) }
        return json(try get(db, id))
    }

    /// Takes back what is left of a refunded payment's credits (spent credits stay spent),
    /// including credits of it that reservations are holding: those reservations shrink.
    static func revoke(_ db: Connection, _ payment: Row, now: Timestamp) throws {
        let user = payment.string("user_id")
        try Ledger.settle(db, user, now: now)
        for grant in try db.query("SELECT id, remaining FROM credit_grants WHERE payment_id = ?", [.text(payment.string("id"))]) {
            try Reservations.revokeHeld(db, user, grantID: grant.int("id"), now: now)
            if grant.int("remaining") > 0 {
                try Ledger.revoke(db, user, grantID: grant.int("id"), amount: grant.int("remaining"),
                                  reference: "payment:\(payment.string("id"))", now: now)
            }
        }
    }

    static func list(_ db: Connection, user: String?, status: String?, limit: Int64, cursor: String?) throws -> JSONValue {
        try Cursor.list(db, table: "payment_history", user: user, status: status, limit: limit, cursor: cursor, key: "payments", map: json)
    }
}
