/// One wire method, declared once as a type: its catalog entry (name, access, params, result,
/// errors), its typed parameters and its typed result. The validator, `system.methods`,
/// `Protocol/methods.json`, the daemon's routing and the Swift client's
/// `call(CreditsConsume.self, …)` all read the same declaration, so they cannot disagree.
public protocol BillingMethod: Command where Parameters: MethodParameters, Result: MethodResult {
    static var descriptor: MethodDescriptor { get }
}

extension BillingMethod {
    /// A method not (yet) declared in BillingModel takes its name and access from its descriptor.
    public static var name: String { descriptor.name }
    public static var access: MethodAccess { descriptor.access }
}

/// A method's params as a typed value: made from the validator's output on the daemon side,
/// written to the wire on the client side.
public protocol MethodParameters: Sendable {
    init(validated: Params) throws(RPCError)
    var wire: JSONObject { get }
}

/// A method's result as a typed value: written to the wire by the daemon (on the event loop,
/// never on the writer thread), read back by the client.
public protocol MethodResult: Sendable {
    init(wire: JSONValue) throws(RPCError)
    var wire: JSONValue { get }
}

/// An answer kept as JSON: an idempotent replay answers the result stored with its key, exactly
/// as it was stored.
extension JSONValue: MethodResult {
    public init(wire: JSONValue) { self = wire }
    public var wire: JSONValue { self }
}
