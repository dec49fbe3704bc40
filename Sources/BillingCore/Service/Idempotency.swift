import BillingProtocol
import BillingStore

/// CONTRACT section 4: a state change with an `idempotency_key` stores its result in the same
/// savepoint as the change, so a retry after a lost response or a crash never applies twice.
enum Idempotency {
    /// How long keys are kept (the contract says at least 7 days).
    static let retentionMilliseconds: Int64 = 8 * 86_400_000

    /// The params that identify a request: every value but the key, in canonical form.
    static func fingerprint(_ params: Params) -> String {
        params.fingerprint(except: ["idempotency_key"])
    }

    /// Returns the stored result of an earlier identical request, throws 1003 on a reused key.
    static func lookup(_ db: Connection, method: String, key: String, fingerprint: String) throws -> JSONValue? {
        guard let row = try db.queryOne("SELECT fingerprint, result FROM idempotency_keys WHERE method = ? AND key = ?",
                                        [.text(method), .text(key)])
        else { return nil }
        guard row.string("fingerprint") == fingerprint else {
            throw BillingError(.idempotencyConflict, "idempotency key '\(key)' was used with different params",
                               details: ["idempotency_key": .string(key)])
        }
        return try JSONParser.parse(row.string("result"))
    }

    static func store(_ db: Connection, method: String, key: String, fingerprint: String, result: JSONValue, now: Timestamp) throws {
        try db.run("INSERT INTO idempotency_keys (method, key, fingerprint, result, created_at) VALUES (?, ?, ?, ?, ?)",
                   [.text(method), .text(key), .text(fingerprint), .text(result.serialized()), .integer(now.milliseconds)])
    }

    static func prune(_ db: Connection, now: Timestamp) throws {
        try db.run("DELETE FROM idempotency_keys WHERE created_at < ?", [.integer(now.milliseconds - retentionMilliseconds)])
    }
}
