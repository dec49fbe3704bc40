import BillingProtocol

/// What one scheduler pass did: how many items of each kind it processed and which failed.
public struct SchedulerReport: Sendable {
    public var processed: [SchedulerItem.Kind: Int] = [:]
    public var failures: [SchedulerFailure] = []

    public init() {}

    /// Whether the pass may have changed an account: it processed or tried an item other than
    /// the idempotency prune (a failed item was rolled back, but counts, to be safe).
    var changedAccounts: Bool {
        !failures.isEmpty || processed.contains { $0.key != .idempotencyPrune && $0.value > 0 }
    }

    /// The pass as the clock methods answer it.
    func clockMove(now: Timestamp) -> ClockMove {
        ClockMove(
            now: now, processed: SchedulerItem.Kind.allCases.map { ($0.rawValue, Int64(processed[$0, default: 0])) },
            failed: failures.map {
                ClockMove.Failure(kind: $0.item.kind.rawValue, id: $0.item.id, reason: $0.reason, errorType: $0.errorType)
            })
    }
}
