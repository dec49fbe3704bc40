import Dispatch
import BillingProtocol
import BillingStore

/// The billing domain behind the socket: routes each validated request to the writer or a
/// reader, and wraps every state change in the idempotency rules of CONTRACT section 4.
public final class BillingService: Sendable {
    public let database: Database
    public let clock: BillingClock
    let rateLimiter: RateLimiter
    let lemonSqueezySecret: LemonSqueezySecret?
    private let handlers: [String: Handler]

    /// `lemonSqueezySecret` signs Lemon Squeezy webhooks; without one (nil or empty)
    /// `webhooks.lemonsqueezy` answers 1010 unavailable.
    public init(database: Database, clock: BillingClock, lemonSqueezySecret: String? = nil) {
        self.database = database
        self.clock = clock
        self.lemonSqueezySecret = lemonSqueezySecret.flatMap(LemonSqueezySecret.init)
        rateLimiter = RateLimiter()
        var all: [String: Handler] = [:]
        for table in [BillingService.systemHandlers, BillingService.planHandlers, BillingService.subscriptionHandlers,
                      BillingService.creditHandlers, BillingService.paymentHandlers, BillingService.usageHandlers,
                      BillingService.rateLimitHandlers, BillingService.packHandlers, BillingService.webhookHandlers,
                      BillingService.auditHandlers, BillingService.analyticsHandlers]
        {
            all.merge(table) { first, _ in first }
        }
        handlers = all
    }

    /// Names of the methods this service runs (the server answers the rest of `system.*` itself).
    public var methodNames: Set<String> { Set(handlers.keys) }

    /// Thrown inside the savepoint to undo a `dry_run` while still answering with its result.
    struct DryRun: Error {
        let result: JSONValue
    }

    /// Runs one request for `caller`. `completion` may be called on any thread, after the commit for writes.
    ///
    /// Auditing happens here, once for every write method (`AuditLog.records`): a success
    /// appends its `audit_log` row in the request's own savepoint, so the row commits exactly
    /// when the change does; a request the domain refuses rolls back, then its `rejected` row is
    /// written by a second write (its own savepoint) before the error is answered.
    public func execute(_ method: String, _ params: Params, caller: AuditActor,
                        completion: @escaping @Sendable (Result<JSONValue, any Error>) -> Void) {
        guard let handler = handlers[method] else {
            completion(.failure(RPCError(.methodNotFound, "method '\(method)' not found")))
            return
        }
        let clock = clock
        let rateLimiter = rateLimiter
        let secret = lemonSqueezySecret
        switch handler {
        case .read(let body):
            database.readers.read({ db in
                try body(HandlerContext(clock: clock, rateLimiter: rateLimiter, now: clock.now()), db, params)
            }, completion: completion)
        case .write(let body):
            let audited = AuditLog.records(method)
            database.writer.submit({ db in
                let context = HandlerContext(clock: clock, rateLimiter: rateLimiter, now: clock.now(), lemonSqueezySecret: secret)
                var replayed = false
                let result: JSONValue
                if let key = params.string("idempotency_key") {
                    let fingerprint = Idempotency.fingerprint(params)
                    if let earlier = try Idempotency.lookup(db, method: method, key: key, fingerprint: fingerprint) {
                        result = earlier
                        replayed = true
                    } else {
                        result = try body(context, db, params)
                        try Idempotency.store(db, method: method, key: key, fingerprint: fingerprint, result: result, now: context.now)
                    }
                } else {
                    result = try body(context, db, params)
                }
                if audited {
                    try AuditLog.append(db, AuditLog.success(method: method, caller: caller, params: params, result: result,
                                                             replayed: replayed, at: context.now))
                }
                return result
            }, completion: { [database] result in
                switch result {
                case .failure(let error as DryRun):
                    completion(.success(error.result))
                case .failure(let error) where audited:
                    guard let entry = AuditLog.rejection(method: method, caller: caller, params: params, error: error, at: clock.now()) else {
                        return completion(result)
                    }
                    // The refusal is answered whether or not its audit row could be written.
                    database.writer.submit({ db in try AuditLog.append(db, entry) }, completion: { _ in completion(result) })
                default:
                    completion(result)
                }
            })
        }
    }

    /// Runs everything that became due (period ends, expiries, timeouts) in one write.
    public func runDue(completion: @escaping @Sendable (Result<JSONValue, any Error>) -> Void) {
        let clock = clock
        rateLimiter.prune(now: clock.now())
        database.writer.submit({ db in
            let now = clock.now()
            // Dropping old idempotency keys is housekeeping, not a change worth an audit row:
            // done first, outside the count (the scheduler's own prune then finds nothing).
            try Idempotency.prune(db, now: now)
            let before = try db.scalar("SELECT total_changes()")
            try Scheduler.runDue(db, now: now)
            try AuditLog.scheduled(db, changed: try db.scalar("SELECT total_changes()") - before, at: now)
            return .null
        }, completion: completion)
    }

    /// Blocking `execute` as the command line (actor `cli`), for the CLI and tests (never an event loop).
    public func perform(_ method: String, _ params: JSONObject) throws -> JSONValue {
        guard let descriptor = MethodCatalog.byName[method] else { throw RPCError(.methodNotFound) }
        let validated = try ParamValidator.validate(params, against: descriptor)
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        execute(method, validated, caller: .cli) { result in
            box.set(result)
            done.signal()
        }
        done.wait()
        return try box.get()
    }
}
