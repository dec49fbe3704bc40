import BillingCore
import Foundation

/// The single writer: one thread, one connection. It drains every waiting state change into
/// one transaction, runs each in its own savepoint (a failing request rolls back alone),
/// commits once, and hands the batch's answers to the `DurabilityGate`, which releases them
/// once the batch is on disk: durable group commit. With pipelined syncing the writer runs the
/// next batch while the previous one is being synced.
///
/// With `BatchEffects` attached, units that have a fast path run it first, without a
/// savepoint, and what they stage is written in bulk before COMMIT (see `BatchEffects`).
public final class SQLiteWriter: Writer, @unchecked Sendable {
    // @unchecked: `connection` is only used on the writer thread (and by `close()` after that
    // thread has finished); the queue keeps its own lock.

    /// A unit of work: runs inside the batch's transaction on the writer thread.
    public typealias Work<T> = @Sendable (any StoreSession) throws -> T
    private typealias Job = WriteQueue.Job

    /// Dropped (and so closed) by `close()` once the thread has finished.
    private var connection: SQLiteConnection?
    private let queue: WriteQueue
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    public let activity = WriterActivity()

    public var maxQueue: Int { queue.maxQueue }
    public var maxBatch: Int { queue.maxBatch }
    public var maxQueueWait: Duration { queue.maxQueueWait }

    /// Releases answers once their batch is durable; readers wait on it too.
    public let gate: DurabilityGate
    /// Copies the WAL into the database file; the writer finishes each copy between batches.
    private let checkpointer: Checkpointer?

    /// `connection` must be in WAL mode and have run a transaction (see `Connection.walFile`).
    /// Without a `checkpointer`, SQLite's automatic checkpoint runs inside COMMIT.
    init(connection: SQLiteConnection, syncMode: SyncMode = .pipelined, maxQueue: Int = 10_000, maxBatch: Int = 1_000,
         maxQueueWait: Duration = .seconds(30), checkpointer: Checkpointer? = nil) throws {
        try connection.setPersistentWAL(true)
        gate = try DurabilityGate(mode: syncMode, wal: try connection.walFile())
        self.connection = connection
        queue = WriteQueue(maxQueue: maxQueue, maxBatch: maxBatch, maxQueueWait: maxQueueWait)
        self.checkpointer = checkpointer
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "billingd-writer"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// Queues `work`; `completion` runs once the transaction holding it has committed and is on
    /// disk (or with the error that rolled this request back, once every state that error may
    /// depend on is on disk), on the writer thread or the syncer thread.
    public func submit<T: Sendable>(_ work: @escaping Work<T>, completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if let refused = queue.enqueue(.unit(work, completion: completion)) { completion(.failure(refused)) }
    }

    public func submit<T: Sendable>(_ work: @escaping Work<T>, fast: @escaping @Sendable (any StoreSession) throws -> T?, hint: any Sendable,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if let refused = queue.enqueue(.unit(work, fast: fast, hint: hint, completion: completion)) { completion(.failure(refused)) }
    }

    public func prefetch(_ hint: any Sendable) {
        _ = queue.enqueue(.prefetch(hint))
    }

    public func attach(_ effects: any BatchEffects) {
        queue.attach(effects)
    }

    /// Runs `sql` on the writer's connection between two batches, outside any transaction, and
    /// waits: for connection settings (PRAGMAs) that must not run inside one.
    public func configure(_ sql: String) throws {
        try Blocking.wait { (completion: @escaping @Sendable (Result<Void, any Error>) -> Void) in
            let job = Job.control({ try $0.execute(sql) }, finish: { error in completion(error.map { .failure($0) } ?? .success(())) })
            if let refused = queue.enqueue(job, limited: false) { completion(.failure(refused)) }
        }
    }

    public var pending: Int { queue.pending }

    /// Finishes everything already queued, waits until it is on disk and answered, then stops the
    /// thread. Later submits fail with `.closed`. The connection closes last without persistent
    /// WAL, so SQLite checkpoints and deletes the `-wal` file as usual.
    public func close() {
        guard queue.close() else { return }
        finished.wait()
        gate.close()
        try? connection?.setPersistentWAL(false)
        connection = nil
    }

    private func loop() {
        while let (jobs, effects) = queue.next() {
            if jobs[0].control {
                let job = jobs[0]
                let error = Result { try job.run(connection!) }.error
                gate.committed(gate.visibleBatch) { job.finish(error) }
                continue
            }
            checkpointer?.finishIfDue(connection!)
            runBatch(jobs, effects: effects)
        }
        finished.signal()
    }

    private func runBatch(_ queued: [Job], effects: (any BatchEffects)?) {
        let batch = queue.unexpired(queued)
        guard !batch.isEmpty else { return }
        if let effects, batch.contains(where: { $0.fast != nil }), attempt(batch, effects: effects) { return }
        // No fast units, or the effects failed to load or to flush: every unit on its SQL path.
        _ = attempt(batch, effects: nil)
    }

    /// Runs `batch` in one transaction and answers it. Returns false, having applied and answered
    /// nothing, when `effects` failed to begin or to flush: the batch must run again without them.
    private func attempt(_ batch: [Job], effects: (any BatchEffects)?) -> Bool {
        let connection = connection!
        var errors: [Error?] = []
        errors.reserveCapacity(batch.count)
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            answer(batch, after: gate.visibleBatch, error)
            return true
        }
        do {
            try effects?.begin(connection, hints: batch.compactMap(\.hint))
        } catch {
            return abandon(effects)
        }
        // Some failures (SQLITE_FULL, I/O errors) make SQLite roll back the whole transaction.
        // From then on nothing else of this batch may run (it would autocommit on its own) and
        // every request in it is answered with that failure: none of them was applied.
        var fatal: Error?
        for job in batch {
            if effects != nil, let fast = job.fast {
                do {
                    if try fast(connection) {
                        errors.append(nil)
                        continue
                    }
                } catch {
                    // A fast unit throws before staging anything: it fails alone, nothing to undo.
                    guard connection.isInTransaction else {
                        fatal = error
                        break
                    }
                    errors.append(error)
                    continue
                }
            }
            do {
                // A unit on the SQL path reads what the fast units before it changed.
                try effects?.flush(connection)
            } catch {
                return abandon(effects)
            }
            do {
                try connection.run("SAVEPOINT request")
                do {
                    try job.run(connection)
                    try connection.run("RELEASE request")
                    errors.append(nil)
                } catch {
                    guard connection.isInTransaction else { throw error }
                    try connection.run("ROLLBACK TO request")
                    try connection.run("RELEASE request")
                    errors.append(error)
                }
            } catch {
                fatal = error
                break
            }
        }
        if fatal == nil {
            do {
                try effects?.flush(connection)
            } catch {
                return abandon(effects)
            }
        }
        if let fatal {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            _ = effects?.end(committed: false)
            activity.rolledBack()
            answer(batch, after: gate.visibleBatch, fatal)
            return true
        }
        // Numbered before COMMIT, so a reader that sees this batch waits for its sync.
        let number = gate.beginCommit()
        let commitStarted = ContinuousClock.now
        do {
            try connection.run("COMMIT")
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            _ = effects?.end(committed: false)
            activity.rolledBack()
            answer(batch, after: number, error)
            return true
        }
        let publish = effects?.end(committed: true)
        let commitDuration = ContinuousClock.now - commitStarted
        activity.committed(batchSize: batch.count { $0.counted }, duration: commitDuration)
        gate.committed(number) {
            publish?()
            for (job, error) in zip(batch, errors) { job.finish(error) }
        }
        return true
    }

    /// Rolls back an attempt whose effects failed to begin or to flush; nothing was answered yet.
    private func abandon(_ effects: (any BatchEffects)?) -> Bool {
        if connection!.isInTransaction { try? connection!.execute("ROLLBACK") }
        _ = effects?.end(committed: false)
        activity.rolledBack()
        activity.rerunWithoutEffects()
        return false
    }

    /// Answers every job of a batch that applied nothing with `error`, once the state that
    /// error was computed from (up to batch `number`) is durable.
    private func answer(_ batch: [Job], after number: UInt64, _ error: any Error) {
        gate.committed(number) {
            for job in batch { job.finish(error) }
        }
    }
}
