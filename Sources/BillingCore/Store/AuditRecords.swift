import BillingProtocol

/// The stored audit log (`audit_log`): appended to, never changed, read newest first by the API
/// and oldest first by exports. Entries are numbered by the store, in the order they commit.
public protocol AuditRecords {
    func append(_ entry: AuditEntry) throws

    /// At most `limit` entries numbered below `before` (from the newest when nil) with `at` in
    /// [`from`, `to`), newest first, optionally of one method and one user.
    func page(before: Int64?, from: Timestamp?, to: Timestamp?, method: String?, user: String?, limit: Int64) throws -> [AuditEntry]

    /// At most `limit` entries numbered above `after` with `at` in [`from`, `to`), oldest first (exports).
    func range(after: Int64, from: Timestamp?, to: Timestamp?, limit: Int64) throws -> [AuditEntry]
}
