import BillingProtocol
import BillingStore

/// A row of `credit_packs`: a Lemon Squeezy variant sold as a one-off bundle of credits.
struct CreditPack: Sendable {
    let variantID: String
    let credits: Int64
    let name: String?
    let createdAt: Timestamp
    let updatedAt: Timestamp

    init(row: Row) {
        variantID = row.string("variant_id")
        credits = row.int("credits")
        name = row.optionalString("name")
        createdAt = Timestamp(milliseconds: row.int("created_at"))
        updatedAt = Timestamp(milliseconds: row.int("updated_at"))
    }

    var json: JSONValue {
        .object([
            "variant_id": .string(variantID), "credits": .int(credits), "name": name.map { .string($0) } ?? .null,
            "created_at": .string(createdAt.rfc3339), "updated_at": .string(updatedAt.rfc3339),
        ])
    }
}
