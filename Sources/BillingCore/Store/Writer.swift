/// The single queue of state changes of one daemon. Each submitted unit of work runs inside a
/// batch's transaction, in its own savepoint (it fails alone), and its completion runs only once
/// that transaction is durable. `SQLiteWriter` and the PostgreSQL writer implement it.
public protocol Writer: AnyObject, Sendable {
    /// Queues `work`; `completion` runs (on a store thread) once the transaction holding it is
    /// durable, or with the error that rolled this unit back.
    func submit<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                             completion: @escaping @Sendable (Result<T, any Error>) -> Void)

    /// Queues a unit with a fast path: when the batch runs with `BatchEffects` attached, `fast`
    /// runs first, without a savepoint. It either stages its whole effect through the attached
    /// effects and returns the answer, throws before staging anything (the unit fails alone), or
    /// returns nil: then `work` runs on the SQL path as `submit(_:completion:)` would run it.
    /// `hint` goes to `BatchEffects.begin` (what the unit will touch).
    func submit<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                             fast: @escaping @Sendable (any StoreSession) throws -> T?, hint: any Sendable,
                             completion: @escaping @Sendable (Result<T, any Error>) -> Void)

    /// Hands `hint` to the next batch's `BatchEffects.begin` (so that batch loads what it names)
    /// without a request: it changes nothing, answers nobody and is not counted. A writer that
    /// keeps nothing across batches may ignore it.
    func prefetch(_ hint: any Sendable)

    /// Attaches the effects fast units stage into (once, before the first submit).
    func attach(_ effects: any BatchEffects)

    /// Requests waiting to run.
    var pending: Int { get }

    /// Its counts and observers, kept the same way by every writer (`WriterActivity`).
    var activity: WriterActivity { get }
}

extension Writer {
    /// (commits, requests) since start.
    public var counters: (commits: Int64, requests: Int64) { activity.counters }

    /// Calls `observer` on the writer thread after every commit with the batch's request count and
    /// its commit time (SQLite: the WAL write, and the fsync only with `synchronous` FULL or EXTRA,
    /// since PIPELINED syncs on the syncer thread): the daemon's metrics.
    public func observeCommits(_ observer: @escaping @Sendable (_ batchSize: Int, _ commitDuration: Duration) -> Void) {
        activity.observeCommits(observer)
    }

    /// Calls `observer` on the writer thread, before the next batch runs, whenever a batch was
    /// rolled back as a whole after some of its units had run: state kept in memory from those
    /// units is then wrong.
    public func observeBatchFailures(_ observer: @escaping @Sendable () -> Void) {
        activity.observeBatchFailures(observer)
    }

    /// Runs `work` and waits for its commit. For start-up, CLI commands and tests, never an event loop.
    public func perform<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T) throws -> T {
        try Blocking.wait { submit(work, completion: $0) }
    }
}
