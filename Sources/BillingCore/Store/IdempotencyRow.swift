import BillingProtocol

/// The stored answer to an idempotency key (`idempotency_keys`): the request's fingerprint and
/// its result as JSON text, written with the change it answers.
public struct IdempotencyRow: Sendable {
    public let method: String
    public let key: String
    public let fingerprint: String
    public let result: String
    public let at: Timestamp

    public init(method: String, key: String, fingerprint: String, result: String, at: Timestamp) {
        self.method = method
        self.key = key
        self.fingerprint = fingerprint
        self.result = result
        self.at = at
    }
}
