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
    // @unchecked: `queue`, `closing` and `effects` are only touched under `condition`;
    // `connection` only on the writer thread (and by `close()` after that thread has finished).

    /// A unit of work: runs inside the batch's transaction on the writer thread.
    public typealias Work<T> = @Sendable (any Connection) throws -> T

    private struct Job {
        let run: (SQLiteConnection) throws -> Void
        let finish: (Error?) -> Void
        let enqueued: ContinuousClock.Instant
        /// Runs alone, outside any transaction (connection settings such as PRAGMAs).
        var control = false
        /// The unit's fast path: true when it answered (and staged its effect), false to run `run`.
        var fast: ((SQLiteConnection) throws -> Bool)? = nil
        var hint: (any Sendable)? = nil
        /// A request (counted in `activity`), not a `prefetch`.
        var counted = true
    }

    /// Dropped (and so closed) by `close()` once the thread has finished.
    private var connection: SQLiteConnection?
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var closing = false
    private var effects: (any BatchEffects)?
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    public let activity = WriterActivity()

    public let maxQueue: Int
    public let maxBatch: Int
    public let maxQueueWait: Duration

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
        self.maxQueue = maxQueue
        self.maxBatch = maxBatch
        self.maxQueueWait = maxQueueWait
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
        let box = Box<T>()  // written on the writer thread, read after the gate's lock hands it over
        let job = Job(
            run: { box.value = try work($0) },
            finish: { error in completion(error.map { .failure($0) } ?? .success(box.value!)) },
            enqueued: .now)
        if let refused = enqueue(job, limited: true) { completion(.failure(refused)) }
    }

    public func submit<T: Sendable>(_ work: @escaping Work<T>, fast: @escaping @Sendable (any Connection) throws -> T?, hint: any Sendable,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let box = Box<T>()
        var job = Job(
            run: { box.value = try work($0) },
            finish: { error in completion(error.map { .failure($0) } ?? .success(box.value!)) },
            enqueued: .now)
        job.fast = { connection in
            guard let value = try fast(connection) else { return false }
            box.value = value
            return true
        }
        job.hint = hint
        if let refused = enqueue(job, limited: true) { completion(.failure(refused)) }
    }

    public func prefetch(_ hint: any Sendable) {
        var job = Job(run: { _ in }, finish: { _ in }, enqueued: .now)
        job.fast = { _ in true }
        job.hint = hint
        job.counted = false
        _ = enqueue(job, limited: true)
    }

    public func attach(_ effects: any BatchEffects) {
        condition.lock()
        self.effects = effects
        condition.unlock()
    }

    /// Appends `job` unless the writer is closing or (when `limited`) the queue is full.
    private func enqueue(_ job: Job, limited: Bool) -> WriterError? {
        condition.lock()
        defer { condition.unlock() }
        if closing { return .closed }
        if limited && queue.count >= maxQueue { return .overloaded }
        queue.append(job)
        condition.signal()
        return nil
    }

    /// Runs `sql` on the writer's connection between two batches, outside any transaction, and
    /// waits: for connection settings (PRAGMAs) that must not run inside one.
    public func configure(_ sql: String) throws {
        try Blocking.wait { (completion: @escaping @Sendable (Result<Void, any Error>) -> Void) in
            let job = Job(run: { try $0.execute(sql) }, finish: { error in completion(error.map { .failure($0) } ?? .success(())) },
                          enqueued: .now, control: true)
            if let refused = enqueue(job, limited: false) { completion(.failure(refused)) }
        }
    }

    public var pending: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Finishes everything already queued, waits until it is on disk and answered, then stops the
    /// thread. Later submits fail with `.closed`. The connection closes last without persistent
    /// WAL, so SQLite checkpoints and deletes the `-wal` file as usual.
    public func close() {
        condition.lock()
        let wasClosing = closing
        closing = true
        condition.signal()
        condition.unlock()
        if !wasClosing {
            finished.wait()
            gate.close()
            try? connection?.setPersistentWAL(false)
            connection = nil
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty && closing {
                condition.unlock()
                break
            }
            if queue[0].control {
                let job = queue.removeFirst()
                condition.unlock()
                let error = Result { try job.run(connection!) }.error
                gate.committed(gate.visibleBatch) { job.finish(error) }
                continue
            }
            let take = min(queue.prefix(maxBatch).firstIndex(where: \.control) ?? queue.count, maxBatch)
            let batch = Array(queue.prefix(take))
            queue.removeFirst(take)
            let effects = effects
            condition.unlock()
            checkpointer?.finishIfDue(connection!)
            runBatch(batch, effects: effects)
        }
        finished.signal()
    }

    private func runBatch(_ queued: [Job], effects: (any BatchEffects)?) {
        // Requests that waited too long are refused unrun: their callers may already have given up.
        let deadline = ContinuousClock.now - maxQueueWait
        let batch = queued.filter { job in
            guard job.enqueued < deadline else { return true }
            job.finish(WriterError.queueTimeout)
            return false
        }
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
