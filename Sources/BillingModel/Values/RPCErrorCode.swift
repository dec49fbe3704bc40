/// A wire error: the JSON-RPC `code` and the stable `data.type` that goes with it.
/// A struct with static members (not an enum) so that adding a code never breaks a caller's `switch`.
public struct RPCErrorCode: Sendable, Hashable {
    public let code: Int
    public let type: String
    public let defaultMessage: String

    public init(code: Int, type: String, defaultMessage: String) {
        self.code = code
        self.type = type
        self.defaultMessage = defaultMessage
    }

    public static let parseError = RPCErrorCode(code: -32700, type: "parse_error", defaultMessage: "parse error")
    public static let invalidRequest = RPCErrorCode(code: -32600, type: "invalid_request", defaultMessage: "invalid request")
    public static let requestTooLarge = RPCErrorCode(code: -32600, type: "request_too_large", defaultMessage: "request too large")
    public static let methodNotFound = RPCErrorCode(code: -32601, type: "method_not_found", defaultMessage: "method not found")
    public static let invalidParams = RPCErrorCode(code: -32602, type: "invalid_params", defaultMessage: "invalid params")
    public static let internalError = RPCErrorCode(code: -32603, type: "internal_error", defaultMessage: "internal error")
    public static let notFound = RPCErrorCode(code: 1001, type: "not_found", defaultMessage: "not found")
    public static let alreadyExists = RPCErrorCode(code: 1002, type: "already_exists", defaultMessage: "already exists")
    public static let idempotencyConflict = RPCErrorCode(code: 1003, type: "idempotency_conflict", defaultMessage: "idempotency key reused with different params")
    public static let insufficientCredits = RPCErrorCode(code: 1004, type: "insufficient_credits", defaultMessage: "insufficient credits")
    public static let rateLimited = RPCErrorCode(code: 1005, type: "rate_limited", defaultMessage: "rate limited")
    public static let subscriptionInactive = RPCErrorCode(code: 1006, type: "subscription_inactive", defaultMessage: "subscription inactive")
    public static let invalidState = RPCErrorCode(code: 1007, type: "invalid_state", defaultMessage: "invalid state")
    public static let signatureInvalid = RPCErrorCode(code: 1008, type: "signature_invalid", defaultMessage: "signature invalid")
    public static let overloaded = RPCErrorCode(code: 1009, type: "overloaded", defaultMessage: "overloaded")
    public static let unavailable = RPCErrorCode(code: 1010, type: "unavailable", defaultMessage: "unavailable")
    public static let planLimitExceeded = RPCErrorCode(code: 1011, type: "plan_limit_exceeded", defaultMessage: "plan limit exceeded")

    /// Every code, in the order the spec's table lists them.
    public static let all: [RPCErrorCode] = [
        .parseError, .invalidRequest, .requestTooLarge, .methodNotFound, .invalidParams, .internalError,
        .notFound, .alreadyExists, .idempotencyConflict, .insufficientCredits, .rateLimited,
        .subscriptionInactive, .invalidState, .signatureInvalid, .overloaded, .unavailable, .planLimitExceeded,
    ]

    public static func byType(_ type: String) -> RPCErrorCode? { all.first { $0.type == type } }
}
