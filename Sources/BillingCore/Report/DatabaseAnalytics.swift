import BillingProtocol

/// The analytics methods run straight on a database connection (a read-only one, inside one
/// read transaction for a consistent snapshot), validating params as the daemon does: what
/// `billingd report --db` asks instead of a daemon.
public struct DatabaseAnalytics: MethodCaller {
    private let db: StoreSession
    private let context = HandlerContext(clock: BillingClock(test: false), rateLimiter: RateLimiter(), now: BillingClock.systemNow())

    public init(_ db: StoreSession) { self.db = db }

    public func call<M: BillingMethod>(_ method: M.Type, _ params: M.Parameters) throws -> M.Result {
        guard let handler = BillingService.analyticsHandlers.first(where: { $0.descriptor.name == M.name }) else {
            throw RPCError(.methodNotFound, "method '\(M.name)' not found")
        }
        let result = try handler.prepare(try ParamValidator.validate(params.wire, against: handler.descriptor)).run(context, db)
        guard let typed = result as? M.Result else { throw RPCError(.internalError, "\(M.name) answered \(type(of: result))") }
        return typed
    }
}
