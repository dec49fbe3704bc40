import BillingProtocol

extension CreditPack {
    init(row: Row) {
        self.init(variantID: row.string("variant_id"), credits: row.int("credits"), name: row.optionalString("name"),
                  createdAt: Timestamp(milliseconds: row.int("created_at")), updatedAt: Timestamp(milliseconds: row.int("updated_at")))
    }
}
