import BillingProtocol

/// The stored answers to idempotency keys (`idempotency_keys`), one per method and key.
public protocol IdempotencyRecords {
    /// The stored answer of `key` for `method`, if the key was used.
    func find(method: String, key: String) throws -> IdempotencyRow?

    /// The stored answers of those of `keys` that `method` has used, by key.
    func find(method: String, keys: [String]) throws -> [String: IdempotencyRow]

    func insert(_ answer: IdempotencyRow) throws

    /// Forgets the answers stored before `cut`.
    func prune(before cut: Timestamp) throws
}
