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
        return try answer(key: key, stored: row.string("fingerprint"), result: row.string("result"), fingerprint: fingerprint)
    }

    /// The stored answer of `key` for a request with `fingerprint`, or 1003 when the key was used
    /// with other params.
    static func answer(key: String, stored: String, result: String, fingerprint: String) throws -> JSONValue {
        guard stored == fingerprint else {
            throw BillingError(.idempotencyConflict, "idempotency key '\(key)' was used with different params",
                               details: ["idempotency_key": .string(key)])
        }
        return try JSONParser.parse(result)
    }

    /// The stored (fingerprint, result) of each of `keys` that `method` has used.
    static func stored(_ db: Connection, method: String, keys: [String]) throws -> [String: (fingerprint: String, result: String)] {
        var found: [String: (fingerprint: String, result: String)] = [:]
        for row in try BulkStatement.select(db, in: keys.map(SQLValue.text), before: [.text(method)], {
            "SELECT key, fingerprint, result FROM idempotency_keys WHERE method = ? AND key IN (\($0))"
        }) {
            found[row.string("key")] = (row.string("fingerprint"), row.string("result"))
        }
        return found
    }

    /// The columns a new row sets, in the order of `values`.
    static let columns = ["method", "key", "fingerprint", "result", "created_at"]

    static func values(method: String, key: String, fingerprint: String, result: String, now: Timestamp) -> [SQLValue] {
        [.text(method), .text(key), .text(fingerprint), .text(result), .integer(now.milliseconds)]
    }

    static func store(_ db: Connection, method: String, key: String, fingerprint: String, result: JSONValue, now: Timestamp) throws {
        try BulkStatement.insert(db, into: "idempotency_keys", columns: columns,
                                 rows: [values(method: method, key: key, fingerprint: fingerprint, result: result.serialized(), now: now)])
    }

    static func prune(_ db: Connection, now: Timestamp) throws {
        try db.run("DELETE FROM idempotency_keys WHERE created_at < ?", [.integer(now.milliseconds - retentionMilliseconds)])
    }
}
