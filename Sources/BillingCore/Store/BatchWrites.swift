/// Everything a batch's fast units changed that the store has not seen yet, as typed rows. The
/// domain stages them (`PendingEffects`); the store writes them (`StoreSession.write`) in a few
/// multi-row statements, so a consume costs a share of a handful of statements per batch instead
/// of six of its own.
public struct BatchWrites: Sendable {
    public var usage: [UsageRow] = []
    public var reservations: [ReservationRow] = []
    /// Reservations committed or released.
    public var reservationEnds: [ReservationEnd] = []
    public var ledger: [LedgerRow] = []
    /// Grant id → credits left in it.
    public var grants: [Int64: Int64] = [:]
    /// User → what the batch changed of the account.
    public var balances: [String: BalanceChange] = [:]
    public var answers: [IdempotencyRow] = []

    public init() {}

    public mutating func removeAll() {
        usage.removeAll(keepingCapacity: true)
        reservations.removeAll(keepingCapacity: true)
        reservationEnds.removeAll(keepingCapacity: true)
        ledger.removeAll(keepingCapacity: true)
        grants.removeAll(keepingCapacity: true)
        balances.removeAll(keepingCapacity: true)
        answers.removeAll(keepingCapacity: true)
    }
}
