import BillingProtocol

/// A held reservation's end: committed (with what it spent and the usage row that records it) or released.
public struct ReservationEnd: Sendable {
    public let id: String
    public let status: ReservationStatus
    public let committedAmount: Int64?
    public let usageID: String?
    public let at: Timestamp

    public init(id: String, status: ReservationStatus, committedAmount: Int64?, usageID: String?, at: Timestamp) {
        self.id = id
        self.status = status
        self.committedAmount = committedAmount
        self.usageID = usageID
        self.at = at
    }
}
