import BillingProtocol

extension AuditEntry {
    /// An `audit_log` row.
    init(row: Row) {
        let kind = AuditActor.Kind(rawValue: row.string("actor")) ?? .socket
        self.init(id: row.int("id"), at: Timestamp(milliseconds: row.int("at")), method: row.string("method"),
                  actor: AuditActor(kind: kind, uid: row.optionalInt("uid").map { UInt32(truncatingIfNeeded: $0) },
                                    pid: row.optionalInt("pid").map { Int32(truncatingIfNeeded: $0) }, requestID: row.optionalString("request_id")),
                  userID: row.optionalString("user_id"),
                  targets: JSONText(column: row.string("targets")),
                  paramsDigest: row.optionalString("params_digest"), outcome: Outcome(rawValue: row.string("outcome")) ?? .applied,
                  errorCode: row.optionalInt("error_code").map { Int($0) }, detail: row.optionalString("detail"))
    }
}
