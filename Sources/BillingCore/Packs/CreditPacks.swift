import BillingProtocol
import BillingStore

/// `packs.*`: which Lemon Squeezy variants are one-off credit packs and how many credits each
/// grants. A variant is either a plan's (`subscription_plans.lemon_squeezy_variant_id`) or a
/// pack's, never both, so an `order_created` always means one thing.
enum CreditPacks {
    static func find(_ db: Connection, _ variantID: String) throws -> CreditPack? {
        try db.queryOne("SELECT * FROM credit_packs WHERE variant_id = ?", [.text(variantID)]).map(CreditPack.init(row:))
    }

    static func list(_ db: Connection) throws -> [CreditPack] {
        try db.query("SELECT * FROM credit_packs ORDER BY variant_id").map(CreditPack.init(row:))
    }

    /// Creates or replaces a pack; an omitted `name` keeps the stored one. Changing `credits`
    /// affects later orders only: credits already granted stay as they were.
    static func upsert(_ db: Connection, variantID: String, credits: Int64, name: String?, now: Timestamp) throws -> CreditPack {
        if let plan = try Plans.byVariant(db, variantID) {
            throw BillingError(.alreadyExists, "lemon_squeezy_variant_id '\(variantID)' belongs to plan '\(plan.id)'",
                               details: ["field": "variant_id", "plan_id": .string(plan.id)])
        }
        if let name, name.isEmpty { throw BillingError.invalidParams(field: "name", "'name' must not be empty") }
        let existing = try find(db, variantID)
        try db.run("""
            INSERT INTO credit_packs (variant_id, credits, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (variant_id) DO UPDATE SET credits = excluded.credits, name = excluded.name, updated_at = excluded.updated_at
            """, [.text(variantID), .integer(credits), .optional(name ?? existing?.name),
                  .integer(existing?.createdAt.milliseconds ?? now.milliseconds), .integer(now.milliseconds)])
        return try find(db, variantID)!
    }
}
