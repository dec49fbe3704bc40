import BillingCore
import BillingProtocol

/// How a `ReservationRow` is written: its columns, and its values in their order.
extension ReservationRow {
    static let columns = ["id", "user_id", "amount", "status", "expires_at", "created_at", "updated_at"]
    static let partColumns = ["reservation_id", "grant_id", "amount"]

    var values: [SQLValue] {
        [.text(id), .text(user), .integer(amount), .text(ReservationStatus.held.rawValue), .integer(expiresAt.milliseconds),
         .integer(at.milliseconds), .integer(at.milliseconds)]
    }

    var partValues: [[SQLValue]] { parts.map { [.text(id), .integer($0.grantID), .integer($0.amount)] } }
}
