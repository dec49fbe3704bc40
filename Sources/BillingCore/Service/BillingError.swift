import BillingProtocol

/// A domain failure. Each `Kind` maps to exactly one wire error; domain code never builds
/// JSON-RPC objects, only says what went wrong and the facts (`details`) a caller needs.
public struct BillingError: Error, Sendable, Equatable {
    public struct Kind: Sendable, Hashable {
        public let code: RPCErrorCode
        public static let invalidParams = Kind(code: .invalidParams)
        public static let notFound = Kind(code: .notFound)
        public static let alreadyExists = Kind(code: .alreadyExists)
        public static let idempotencyConflict = Kind(code: .idempotencyConflict)
        public static let insufficientCredits = Kind(code: .insufficientCredits)
        public static let rateLimited = Kind(code: .rateLimited)
        public static let subscriptionInactive = Kind(code: .subscriptionInactive)
        public static let invalidState = Kind(code: .invalidState)
        public static let signatureInvalid = Kind(code: .signatureInvalid)
        public static let unavailable = Kind(code: .unavailable)
        public static let planLimitExceeded = Kind(code: .planLimitExceeded)
    }

    public let kind: Kind
    public let message: String
    /// The facts a caller needs besides the message (`field`, `available`, `retry_after_ms`, …),
    /// in the order the wire's `data` shows them.
    public let details: JSONText.Members

    public init(_ kind: Kind, _ message: String, details: JSONText.Members = [:]) {
        self.kind = kind
        self.message = message
        self.details = details
    }

    public static func notFound(_ what: String, _ id: String) -> BillingError {
        BillingError(.notFound, "\(what) '\(id)' not found", details: ["resource": .string(what), "id": .string(id)])
    }

    public static func invalidParams(field: String, _ message: String) -> BillingError {
        BillingError(.invalidParams, message, details: ["field": .string(field)])
    }

    public static func invalidState(_ message: String, state: String) -> BillingError {
        BillingError(.invalidState, message, details: ["state": .string(state)])
    }

    public var rpcError: RPCError { RPCError(kind.code, message, details: JSONObject(details)) }
}
