/// The answer of `system.clock.advance` and `system.clock.set`: the new time and what the
/// scheduler pass it ran did. Items fail alone (rolled back, still due), the move stands.
public struct ClockMove: MethodResult, Equatable {
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

        var wire: JSONValue {
            .object(["kind": .string(kind), "id": .string(id), "reason": .string(reason), "error_type": WireField.wire(errorType)])
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

    public static let fields: [(String, String)] = [
        ("now", "the new time"),
        ("processed", "{reservation_timeout, period_end, grant_expiry, idempotency_prune}: items processed"),
        ("failed", "[{kind, id, reason, error_type}]: due items that failed alone and stay due"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        guard let now = try WireField.time(json["now"], "now") else { throw RPCError(.internalError, "unexpected answer: 'now' is null") }
        self.now = now
        var processed: [(kind: String, count: Int64)] = []
        for member in try WireField.object(json["processed"], "processed") {
            processed.append((member.key, try WireField.int(member.value, "processed.\(member.key)")))
        }
        self.processed = processed
        var failed: [Failure] = []
        for failure in try WireField.array(json["failed"], "failed") {
            failed.append(Failure(kind: try WireField.string(failure["kind"], "kind"), id: try WireField.string(failure["id"], "id"),
                                  reason: try WireField.string(failure["reason"], "reason"),
                                  errorType: try WireField.optionalString(failure["error_type"], "error_type")))
        }
        self.failed = failed
    }

    public var wire: JSONValue {
        .object([
            "now": .string(now.rfc3339), "processed": .object(JSONObject(processed.map { ($0.kind, .int($0.count)) })),
            "failed": .array(failed.map(\.wire)),
        ])
    }
}
