/// Transport failures, distinct from the daemon's typed answers (which are `RPCError`).
public enum BillingClientError: Error, Sendable, Equatable {
    /// No daemon answers on the socket.
    case cannotConnect(path: String, reason: String)
    /// The connection broke before the answer arrived (the request may or may not have run).
    case connectionLost
    /// No answer within the timeout (the request may or may not have run).
    case timedOut
    /// The client was closed.
    case closed
}

extension BillingClientError {
    /// Nothing was sent when the connect failed, so any call may try again; after a lost
    /// connection or a timeout only a call that is safe to repeat may.
    func isRetryable(repeatable: Bool) -> Bool {
        switch self {
        case .cannotConnect: true
        case .connectionLost, .timedOut: repeatable
        case .closed: false
        }
    }
}
