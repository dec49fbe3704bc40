import BillingProtocol
import BillingStore
import Crypto
import Foundation

/// One row of `audit_log`: who changed what, when, and how it ended.
public struct AuditEntry: Sendable, Equatable {
    public enum Outcome: String, Sendable {
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
    public let targets: JSONObject
    /// SHA-256 (hex) of the validated params in canonical form; nil for entries without params.
    public let paramsDigest: String?
    public let outcome: Outcome
    public let errorCode: Int?
    public let detail: String?

    public init(id: Int64? = nil, at: Timestamp, method: String, actor: AuditActor, userID: String? = nil, targets: JSONObject = JSONObject(),
                paramsDigest: String? = nil, outcome: Outcome, errorCode: Int? = nil, detail: String? = nil) {
        self.id = id
        self.at = at
        self.method = method
        self.actor = actor
        self.userID = userID ?? targets["user_id"]?.stringValue
        self.targets = targets
        self.paramsDigest = paramsDigest
        self.outcome = outcome
        self.errorCode = errorCode
        self.detail = detail
    }

    /// The digest of a request's params: every validated member in the canonical form that
    /// idempotency compares. No method takes a secret as a param (the webhook signing secret is
    /// read from a file), and large members such as a webhook body shrink to these 64 characters.
    public static func digest(_ params: Params) -> String {
        SHA256.hash(data: Data(params.fingerprint(except: []).utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    init(row: Row) {
        let kind = AuditActor.Kind(rawValue: row.string("actor")) ?? .socket
        self.init(id: row.int("id"), at: Timestamp(milliseconds: row.int("at")), method: row.string("method"),
                  actor: AuditActor(kind: kind, uid: row.optionalInt("uid").map { UInt32(truncatingIfNeeded: $0) },
                                    pid: row.optionalInt("pid").map { Int32(truncatingIfNeeded: $0) }, requestID: row.optionalString("request_id")),
                  userID: row.optionalString("user_id"),
                  targets: (try? JSONParser.parse(row.string("targets")))?.objectValue ?? JSONObject(),
                  paramsDigest: row.optionalString("params_digest"), outcome: Outcome(rawValue: row.string("outcome")) ?? .applied,
                  errorCode: row.optionalInt("error_code").map { Int($0) }, detail: row.optionalString("detail"))
    }

    /// The entry as `audit.list` and `billingd export audit` show it.
    public var json: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return .object([
            "id": id.map { .int($0) } ?? .null, "at": .string(at.rfc3339), "method": .string(method), "actor": .string(actor.kind.rawValue),
            "uid": actor.uid.map { .int(Int64($0)) } ?? .null, "pid": actor.pid.map { .int(Int64($0)) } ?? .null,
            "request_id": text(actor.requestID), "user_id": text(userID), "targets": .object(targets),
            "params_digest": text(paramsDigest), "outcome": .string(outcome.rawValue),
            "error_code": errorCode.map { .int($0) } ?? .null, "detail": text(detail),
        ])
    }
}
