/// Transport failures, distinct from the daemon's typed answers (which are `RPCError`).
public enum BillingClientError: Error, Sendable, Equatable {
    /// No daemon answers on the socket.
    case cannotConnect(path: String, reason: String)
    /// The connection was already gone or broke before a byte of the request left: nothing was
    /// sent, so the request did not run.
    case notSent
    /// The connection broke before the answer arrived (the request may or may not have run).
    case connectionLost
    /// No answer within the timeout (the request may or may not have run).
    case timedOut
    /// The client was closed.
    case closed
}

extension BillingClientError {
    /// `Protocol/client-retries.md`: when nothing was sent (the connect failed, or the request
    /// never left) any call may try again; after a lost answer only a repeatable call may; a
    /// timeout is never retried (the caller's deadline has passed).
    public func isRetryable(repeatable: Bool) -> Bool {
        switch self {
        case .cannotConnect, .notSent: true
        case .connectionLost: repeatable
        case .timedOut, .closed: false
        }
    }
}
