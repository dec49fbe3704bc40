import BillingCore
import BillingProtocol

/// `AuditRecords` in SQL, on one store session.
public struct AuditTable: AuditRecords {
    let db: any Connection

    public func append(_ entry: AuditEntry) throws {
        try db.run("""
            INSERT INTO audit_log (at, method, actor, uid, pid, request_id, user_id, targets, params_digest, outcome, error_code, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(entry.at.milliseconds), .text(entry.method), .text(entry.actor.kind.rawValue),
                  .optional(entry.actor.uid.map { Int64($0) }), .optional(entry.actor.pid.map { Int64($0) }), .optional(entry.actor.requestID),
                  .optional(entry.userID), .text(entry.targets.text), .optional(entry.paramsDigest),
                  .text(entry.outcome.rawValue), .optional(entry.errorCode.map { Int64($0) }), .optional(entry.detail)])
    }

    public func page(before: Int64?, from: Timestamp?, to: Timestamp?, method: String?, user: String?,
                     limit: Int64) throws -> [AuditEntry] {
        // Only the filters given (PostgreSQL cannot type a parameter that only meets IS NULL).
        var filters = ["id < ?", "at >= ?", "at < ?"]
        var values: [SQLValue] = [.integer(before ?? Int64.max), .integer(from?.milliseconds ?? Int64.min), .integer(to?.milliseconds ?? Int64.max)]
        if let method {
            filters.append("method = ?")
            values.append(.text(method))
        }
        if let user {
            filters.append("user_id = ?")
            values.append(.text(user))
        }
        return try db.query("SELECT * FROM audit_log WHERE \(filters.joined(separator: " AND ")) ORDER BY id DESC LIMIT ?",
                            values + [.integer(limit)]).map(AuditEntry.init(row:))
    }

    public func range(after: Int64, from: Timestamp?, to: Timestamp?, limit: Int64) throws -> [AuditEntry] {
        try db.query("SELECT * FROM audit_log WHERE id > ?1 AND at >= ?2 AND at < ?3 ORDER BY id LIMIT ?4",
                     [.integer(after), .integer(from?.milliseconds ?? Int64.min), .integer(to?.milliseconds ?? Int64.max), .integer(limit)])
            .map(AuditEntry.init(row:))
    }
}
