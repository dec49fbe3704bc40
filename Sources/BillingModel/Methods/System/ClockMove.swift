/// The answer of `system.clock.advance` and `system.clock.set`: the new time and what the
/// scheduler pass it ran did. Items fail alone (rolled back, still due), the move stands.
public struct ClockMove: Sendable, Equatable {
    /// A due item that failed alone.
    public struct Failure: Sendable, Equatable {
        public let kind: String
        public let id: String
        public let reason: String
        public let errorType: String?

        public init(kind: String, id: String, reason: String, errorType: String?) {
            self.kind = kind
            self.id = id
            self.reason = reason
            self.errorType = errorType
        }
    }

    public let now: Timestamp
    /// Items processed, by kind (`reservation_timeout`, `period_end`, `grant_expiry`, `idempotency_prune`), in that order.
    public let processed: [(kind: String, count: Int64)]
    public let failed: [Failure]

    public init(now: Timestamp, processed: [(kind: String, count: Int64)], failed: [Failure]) {
        self.now = now
        self.processed = processed
        self.failed = failed
    }

    public static func == (lhs: ClockMove, rhs: ClockMove) -> Bool {
        lhs.now == rhs.now && lhs.failed == rhs.failed && lhs.processed.map(\.kind) == rhs.processed.map(\.kind)
            && lhs.processed.map(\.count) == rhs.processed.map(\.count)
    }
}
