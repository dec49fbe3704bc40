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
    /// Scheduler passes, processed items and the items failing now (`system.stats`, logs).
    public let schedulerHealth = SchedulerHealth()
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
                      BillingService.rateLimitHandlers, BillingService.entitlementHandlers,
                      BillingService.packHandlers, BillingService.webhookHandlers]
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

    /// Runs one request. `completion` may be called on any thread, after the commit for writes.
    public func execute(_ method: String, _ params: Params,
                        completion: @escaping @Sendable (Result<JSONValue, any Error>) -> Void) {
        guard let handler = handlers[method] else {
            completion(.failure(RPCError(.methodNotFound, "method '\(method)' not found")))
            return
        }
        let clock = clock
        let rateLimiter = rateLimiter
        let secret = lemonSqueezySecret
        let health = schedulerHealth
        switch handler {
        case .read(let body):
            database.readers.read({ db in
                try body(HandlerContext(clock: clock, rateLimiter: rateLimiter, now: clock.now()), db, params)
            }, completion: completion)
        case .write(let body):
            database.writer.submit({ db in
                let context = HandlerContext(clock: clock, rateLimiter: rateLimiter, now: clock.now(), lemonSqueezySecret: secret,
                                             schedulerHealth: health)
                guard let key = params.string("idempotency_key") else { return try body(context, db, params) }
                let fingerprint = Idempotency.fingerprint(params)
                if let earlier = try Idempotency.lookup(db, method: method, key: key, fingerprint: fingerprint) {
                    return earlier
                }
                let result = try body(context, db, params)
                try Idempotency.store(db, method: method, key: key, fingerprint: fingerprint, result: result, now: context.now)
                return result
            }, completion: { result in
                if case .failure(let error as DryRun) = result {
                    completion(.success(error.result))
                } else {
                    completion(result)
                }
            })
        }
    }

    /// Runs everything that became due (period ends, expiries, timeouts) in one write. Items
    /// fail alone (see `Scheduler`); `completion` gets the pass's report, and the failing and
    /// recovered items as `SchedulerHealth` counted them, for the caller to log.
    public func runDue(completion: @escaping @Sendable (Result<SchedulerPass, any Error>) -> Void) {
        let clock = clock
        let health = schedulerHealth
        rateLimiter.prune(now: clock.now())
        database.writer.submit({ db in
            try Scheduler.runDue(db, now: clock.now())
        }, completion: { result in
            completion(result.map { report in
                let (failing, recovered) = health.record(report)
                return SchedulerPass(report: report, failing: failing, recovered: recovered)
            })
        })
    }

    /// Blocking `execute`, for the CLI and tests (never an event loop).
    public func perform(_ method: String, _ params: JSONObject) throws -> JSONValue {
        guard let descriptor = MethodCatalog.byName[method] else { throw RPCError(.methodNotFound) }
        let validated = try ParamValidator.validate(params, against: descriptor)
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        execute(method, validated) { result in
            box.set(result)
            done.signal()
        }
        done.wait()
        return try box.get()
    }
}
