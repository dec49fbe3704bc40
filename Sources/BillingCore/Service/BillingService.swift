import Dispatch
import BillingProtocol

/// The billing domain behind the socket: routes each validated request to the writer or a
/// reader (as its catalog declaration says), and wraps every state change in the idempotency
/// rules of CONTRACT section 4.
public final class BillingService: Sendable {
    public let database: Database
    public let clock: BillingClock
    let rateLimiter: RateLimiter
    let lemonSqueezySecret: LemonSqueezySecret?
    /// Scheduler passes, processed items and the items failing now (`system.stats`, logs).
    public let schedulerHealth = SchedulerHealth()
    /// What fast writes keep in memory: the writer's copy of hot accounts and the running
    /// batch's unwritten effects (attached to the writer, which flushes it).
    let effects: PendingEffects
    /// Durable `credits.get` views that reads answer from without a reader (embedded store only).
    let snapshots: BalanceSnapshots?
    private let handlers: [String: Handler]

    /// Every method this service runs, each registered once (the server answers `.server` methods itself).
    static let registrations: [Handler] = systemHandlers + planHandlers + subscriptionHandlers + creditHandlers + paymentHandlers
        + usageHandlers + rateLimitHandlers + entitlementHandlers + packHandlers + webhookHandlers + auditHandlers + analyticsHandlers

    /// `lemonSqueezySecret` signs Lemon Squeezy webhooks; without one (nil or empty)
    /// `webhooks.lemonsqueezy` answers 1010 unavailable.
    public init(database: Database, clock: BillingClock, lemonSqueezySecret: String? = nil) {
        self.database = database
        self.clock = clock
        self.lemonSqueezySecret = lemonSqueezySecret.flatMap(LemonSqueezySecret.init)
        rateLimiter = RateLimiter()
        let snapshots = database.isSoleWriter ? BalanceSnapshots() : nil
        self.snapshots = snapshots
        let effects = PendingEffects(accounts: AccountCache(), shared: !database.isSoleWriter, snapshots: snapshots, clock: clock)
        self.effects = effects
        database.writer.attach(effects)
        database.writer.observeBatchFailures { effects.accounts.removeAll() }
        handlers = Dictionary(BillingService.registrations.map { ($0.descriptor.name, $0) }) { first, _ in first }
    }

    /// Names of the methods this service runs (the server answers the rest of `system.*` itself).
    public var methodNames: Set<String> { Set(handlers.keys) }

    /// Runs one request for `caller`. `completion` may be called on any thread, after the commit
    /// (and, for writes, never before their batch is durable). The result stays typed: turning
    /// it into JSON is the caller's business, on its own thread.
    ///
    /// Auditing happens here, once for every write method (`AuditLog.records`): a success
    /// appends its `audit_log` row in the request's own savepoint, so the row commits exactly
    /// when the change does; a request the domain refuses rolls back, then its `rejected` row is
    /// written by a second write (its own savepoint) before the error is answered. Dry runs
    /// change nothing and leave no row.
    public func execute(_ method: String, _ params: Params, caller: AuditActor,
                        completion: @escaping @Sendable (Result<any MethodResult, any Error>) -> Void) {
        guard let handler = handlers[method] else {
            completion(.failure(RPCError(.methodNotFound, "method '\(method)' not found")))
            return
        }
        let prepared: Handler.Prepared
        do {
            prepared = try handler.prepare(params)
        } catch {
            completion(.failure(error))
            return
        }
        let clock = clock
        let rateLimiter = rateLimiter
        let secret = lemonSqueezySecret
        let health = schedulerHealth
        let shared = !database.isSoleWriter
        let migrations: @Sendable (any StoreSession) throws -> MigrationReport = { [database] in try database.migrations(on: $0) }
        // On a shared store the limiter's counters are rows: taking a token is a write there.
        let access = shared && method == RateLimitCheck.name ? .write : handler.descriptor.access
        switch access {
        case .read, .server:
            // A durable view in memory answers on the caller's thread, without a reader.
            if let snapshots, let fromMemory = prepared.fromMemory {
                if let answer = fromMemory(snapshots, clock.now()) { return completion(.success(answer)) }
                if let user = prepared.account, snapshots.shouldWarm(user) { warm(user, for: method) }
            }
            database.readers.read({ db in
                try prepared.run(HandlerContext(clock: clock, rateLimiter: rateLimiter, now: clock.now(), migrations: migrations), db)
            }, completion: completion)
        case .write:
            let discard = prepared.discardsChanges
            // Only methods the catalog declares as writes leave audit rows (not a rate-limit check
            // that writes its counter row on a shared store).
            let audited = handler.descriptor.access == .write && AuditLog.records(method)
            let effects = effects
            let context = { @Sendable in
                HandlerContext(clock: clock, rateLimiter: rateLimiter, now: clock.now(), lemonSqueezySecret: secret, schedulerHealth: health,
                               sharedRateLimits: shared, migrations: migrations)
            }
            let work: @Sendable (any StoreSession) throws -> any MethodResult = { db in
                // This runs SQL of its own (after the writer flushed the batch's effects): what memory
                // holds of the account it touches (any account, when it names none) is dropped first.
                // A dry run is rolled back and changes nothing; a rate-limit check touches no account.
                if !discard && handler.descriptor.access == .write { effects.invalidate(account: try prepared.touchedAccount(db)) }
                let context = context()
                // A dry run runs for real inside its own savepoint, then rolls it back: the answer is
                // exactly what the change would have been, and nothing of it (key included) stays.
                let run = { try BillingService.run(prepared, method, context, db, params) }
                let (result, replayed) = discard ? try db.discardingChanges(run) : try run()
                if !discard && audited {
                    try AuditLog.append(db, AuditLog.success(method: method, caller: caller, params: params, result: result.wire,
                                                             replayed: replayed, at: context.now))
                }
                return result
            }
            let answer: @Sendable (Result<any MethodResult, any Error>) -> Void = { [database] result in
                guard case .failure(let error) = result, audited,
                      let entry = AuditLog.rejection(method: method, caller: caller, params: params, error: error, at: clock.now())
                else { return completion(result) }
                // The refusal is answered whether or not its audit row could be written.
                database.writer.submit({ db in try AuditLog.append(db, entry) }, completion: { _ in completion(result) })
            }
            // Fast paths leave no audit row: only metered spending, which is not audited, has one.
            guard let fast = prepared.fast, !discard, !audited else {
                return database.writer.submit(work, completion: answer)
            }
            let key = params.string("idempotency_key")
            let fingerprint = key.map { _ in Idempotency.fingerprint(params) }
            database.writer.submit(work, fast: { db in
                let context = context()
                if let key, let fingerprint, let earlier = try effects.answer(db, method: method, key: key, fingerprint: fingerprint) {
                    return earlier
                }
                guard let result = try fast(context, effects, db) else { return nil }
                if let key, let fingerprint { effects.remember(method: method, key: key, fingerprint: fingerprint, result: result.wire, now: context.now) }
                return result
            }, hint: BatchHint(user: prepared.account, method: method, idempotencyKey: key), completion: answer)
        }
    }

    /// Asks the writer to load `user`'s account with its next batch, which publishes the account's
    /// view once durable.
    private func warm(_ user: String, for method: String) {
        database.writer.prefetch(BatchHint(user: user, method: method, idempotencyKey: nil))
    }

    /// A write inside the idempotency rules: a repeated key returns the stored answer, a new one
    /// stores its answer in the same savepoint as the change.
    /// `replayed` says the answer is a stored one (for the audit log).
    private static func run(_ prepared: Handler.Prepared, _ method: String, _ context: HandlerContext, _ db: StoreSession,
                            _ params: Params) throws -> (result: any MethodResult, replayed: Bool) {
        guard let key = params.string("idempotency_key") else { return (try prepared.run(context, db), false) }
        let fingerprint = Idempotency.fingerprint(params)
        if let earlier = try Idempotency.lookup(db, method: method, key: key, fingerprint: fingerprint) { return (earlier, true) }
        let result = try prepared.run(context, db)
        try Idempotency.store(db, method: method, key: key, fingerprint: fingerprint, result: result.wire, now: context.now)
        return (result, false)
    }

    /// Runs everything that became due (period ends, expiries, timeouts) in one write. Items
    /// fail alone (see `Scheduler`); `completion` gets the pass's report, and the failing and
    /// recovered items as `SchedulerHealth` counted them, for the caller to log.
    public func runDue(completion: @escaping @Sendable (Result<SchedulerPass, any Error>) -> Void) {
        let clock = clock
        let health = schedulerHealth
        rateLimiter.prune(now: clock.now())
        let effects = effects
        database.writer.submit({ db in
            // The pass may drop idempotency keys this batch looked up.
            effects.forgetIdempotencyKeys()
            let now = clock.now()
            // On a shared store one daemon's pass at a time does the work; the others skip theirs.
            guard try Scheduler.mayRun(db) else { return SchedulerReport() }
            // Dropping old idempotency keys is housekeeping, not a change worth an audit row:
            // done first, outside the count (the pass's own prune then finds nothing).
            try Idempotency.prune(db, now: now)
            let before = try db.totalChanges
            let report = try Scheduler.runDue(db, now: now)
            // Most passes (one a second) find nothing due and leave every copy in memory as it is;
            // one that expired, renewed or released anything drops them all, before this batch's
            // next unit and long before the batch is durable.
            if report.changedAccounts { effects.invalidate(account: nil) }
            try AuditLog.scheduled(db, report, changed: try db.totalChanges - before, at: now)
            return report
        }, completion: { result in
            completion(result.map { report in
                let (failing, recovered) = health.record(report)
                return SchedulerPass(report: report, failing: failing, recovered: recovered)
            })
        })
    }

    /// Blocking `execute` as the command line (actor `cli`), for the CLI and tests (never an event loop).
    public func perform(_ method: String, _ params: JSONObject) throws -> JSONValue {
        guard let descriptor = MethodCatalog.byName[method] else { throw RPCError(.methodNotFound) }
        let validated = try ParamValidator.validate(params, against: descriptor)
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        execute(method, validated, caller: .cli) { result in
            box.set(result.map(\.wire))
            done.signal()
        }
        done.wait()
        return try box.get()
    }
}
