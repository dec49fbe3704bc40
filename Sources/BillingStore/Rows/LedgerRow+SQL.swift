import BillingCore
import BillingProtocol

/// How a `LedgerRow` is written: its columns, and its values in their order.
extension LedgerRow {
    static let columns = ["user_id", "grant_id", "delta", "balance_after", "kind", "reference", "created_at"]

    var values: [SQLValue] {
        [.text(user), .integer(grantID), .integer(delta), .integer(balanceAfter), .text(kind.rawValue), .optional(reference),
         .integer(at.milliseconds)]
    }
}
