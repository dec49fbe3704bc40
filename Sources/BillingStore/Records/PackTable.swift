import BillingCore
import BillingProtocol

/// `PackRecords` in SQL, on one store session.
public struct PackTable: PackRecords {
    let db: any Connection

    public func all() throws -> [CreditPack] {
        try db.query("SELECT * FROM credit_packs ORDER BY variant_id").map(CreditPack.init(row:))
    }

    public func find(variant: String) throws -> CreditPack? {
        try db.queryOne("SELECT * FROM credit_packs WHERE variant_id = ?", [.text(variant)]).map(CreditPack.init(row:))
    }

    public func save(_ pack: CreditPack) throws {
        try db.run("""
            INSERT INTO credit_packs (variant_id, credits, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (variant_id) DO UPDATE SET credits = excluded.credits, name = excluded.name, updated_at = excluded.updated_at
            """, [.text(pack.variantID), .integer(pack.credits), .optional(pack.name), .integer(pack.createdAt.milliseconds),
                  .integer(pack.updatedAt.milliseconds)])
    }
}
