import BillingCore
import BillingProtocol

/// How a `IdempotencyRow` is written: its columns, and its values in their order.
extension IdempotencyRow {
    static let columns = ["method", "key", "fingerprint", "result", "created_at"]

    var values: [SQLValue] { [.text(method), .text(key), .text(fingerprint), .text(result), .integer(at.milliseconds)] }
}
