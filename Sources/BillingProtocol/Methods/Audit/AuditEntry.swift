/// One row of `audit_log`: who changed what, when, and how it ended.
public struct AuditEntry: Sendable, Equatable {
    public enum Outcome: String, Sendable, CaseIterable {
        /// The change was made (committed with this row).
        case applied
        /// An idempotent repeat: the stored answer was returned, nothing changed.
        case replayed
        /// The domain refused it (a typed error); nothing changed.
        case rejected
    }

    public var id: Int64?
    public let at: Timestamp
    public let method: String
    public let actor: AuditActor
    public let userID: String?
    /// The ids the change touched (`user_id`, `subscription_id`, `plan_id`, `payment_id`, …).
    public let targets: JSONText
    /// SHA-256 (hex) of the validated params in canonical form; nil for entries without params.
    public let paramsDigest: String?
    public let outcome: Outcome
    public let errorCode: Int?
    public let detail: String?

    public init(id: Int64? = nil, at: Timestamp, method: String, actor: AuditActor, userID: String? = nil, targets: JSONText = .emptyObject,
                paramsDigest: String? = nil, outcome: Outcome, errorCode: Int? = nil, detail: String? = nil) {
        self.id = id
        self.at = at
        self.method = method
        self.actor = actor
        self.userID = userID
        self.targets = targets
        self.paramsDigest = paramsDigest
        self.outcome = outcome
        self.errorCode = errorCode
        self.detail = detail
    }

    /// An entry's members, as audit.list and `billingd export audit` show them.
    public static let fields: [(String, String)] = [
        ("id", "integer, increasing, never reused"), ("at", "timestamp of the change"), ("method", "the method, or scheduler.run_due / cli.*"),
        ("actor", "socket | cli | scheduler | webhook"), ("uid", "the caller's uid (SO_PEERCRED; the operator's for cli), or null"),
        ("pid", "the caller's pid, or null"), ("request_id", "the JSON-RPC id as JSON text (at most 255 bytes), or null"),
        ("user_id", "the user touched, or null"), ("targets", "object of the ids touched: user_id, subscription_id, plan_id, payment_id, …"),
        ("params_digest", "SHA-256 (hex) of the canonical validated params, or null"),
        ("outcome", "applied | replayed (idempotent repeat) | rejected (a typed error; nothing changed)"),
        ("error_code", "the error code of a rejected request, else null"), ("detail", "string or null: webhook event and outcome, error message, …"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        guard let kind = AuditActor.Kind(rawValue: try WireField.string(json["actor"], "actor")),
              let outcome = Outcome(rawValue: try WireField.string(json["outcome"], "outcome"))
        else { throw RPCError(.internalError, "unexpected answer: not an audit entry") }
        let uid = try WireField.optionalInt(json["uid"], "uid")
        let pid = try WireField.optionalInt(json["pid"], "pid")
        self.init(id: try WireField.optionalInt(json["id"], "id"), at: try WireField.requiredTime(json["at"], "at"),
                  method: try WireField.string(json["method"], "method"),
                  actor: AuditActor(kind: kind, uid: uid.map { UInt32(truncatingIfNeeded: $0) }, pid: pid.map { Int32(truncatingIfNeeded: $0) },
                                    requestID: try WireField.optionalString(json["request_id"], "request_id")),
                  userID: try WireField.optionalString(json["user_id"], "user_id"), targets: JSONText(try WireField.object(json["targets"], "targets")),
                  paramsDigest: try WireField.optionalString(json["params_digest"], "params_digest"), outcome: outcome,
                  errorCode: try WireField.optionalInt(json["error_code"], "error_code").map { Int($0) },
                  detail: try WireField.optionalString(json["detail"], "detail"))
    }

    /// The entry as `audit.list` and `billingd export audit` show it.
    public var wire: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return .object([
            "id": id.map { .int($0) } ?? .null, "at": .string(at.rfc3339), "method": .string(method), "actor": .string(actor.kind.rawValue),
            "uid": actor.uid.map { .int(Int64($0)) } ?? .null, "pid": actor.pid.map { .int(Int64($0)) } ?? .null,
            "request_id": text(actor.requestID), "user_id": text(userID), "targets": targets.json,
            "params_digest": text(paramsDigest), "outcome": .string(outcome.rawValue),
            "error_code": errorCode.map { .int($0) } ?? .null, "detail": text(detail),
        ])
    }
}
