/// `ClockMove` on the wire: its members, and its JSON both ways.
extension ClockMove: MethodResult {
    public static let fields: [(String, String)] = [
        ("now", "the new time"),
        ("processed", "{reservation_timeout, period_end, grant_expiry, idempotency_prune}: items processed"),
        ("failed", "[{kind, id, reason, error_type}]: due items that failed alone and stay due"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        guard let now = try WireField.time(json["now"], "now") else { throw RPCError(.internalError, "unexpected answer: 'now' is null") }
        var processed: [(kind: String, count: Int64)] = []
        for member in try WireField.object(json["processed"], "processed") {
            processed.append((member.key, try WireField.int(member.value, "processed.\(member.key)")))
        }
        var failed: [Failure] = []
        for failure in try WireField.array(json["failed"], "failed") {
            failed.append(Failure(kind: try WireField.string(failure["kind"], "kind"), id: try WireField.string(failure["id"], "id"),
                                  reason: try WireField.string(failure["reason"], "reason"),
                                  errorType: try WireField.optionalString(failure["error_type"], "error_type")))
        }
        self.init(now: now, processed: processed, failed: failed)
    }

    public var wire: JSONValue {
        .object([
            "now": .string(now.rfc3339), "processed": .object(JSONObject(processed.map { ($0.kind, .int($0.count)) })),
            "failed": .array(failed.map(\.wire)),
        ])
    }
}

extension ClockMove.Failure {
    var wire: JSONValue {
        .object(["kind": .string(kind), "id": .string(id), "reason": .string(reason), "error_type": WireField.wire(errorType)])
    }
}
