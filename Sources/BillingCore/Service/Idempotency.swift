import BillingProtocol

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
    static func lookup(_ db: StoreSession, method: String, key: String, fingerprint: String) throws -> JSONValue? {
        guard let stored = try db.idempotency.find(method: method, key: key) else { return nil }
        return try answer(key: key, stored: stored.fingerprint, result: stored.result, fingerprint: fingerprint)
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

    static func store(_ db: StoreSession, method: String, key: String, fingerprint: String, result: JSONValue, now: Timestamp) throws {
        try db.idempotency.insert(IdempotencyRow(method: method, key: key, fingerprint: fingerprint, result: result.serialized(), at: now))
    }

    static func prune(_ db: StoreSession, now: Timestamp) throws {
        try db.idempotency.prune(before: now.adding(milliseconds: -retentionMilliseconds))
    }
}
