import BillingCore
import Foundation

/// The queue in front of a single writer thread, the same for every `Writer`: units of work
/// with their completions, refused when the writer is closing or the queue is full, taken as
/// batches by the writer thread, and answered `queueTimeout` unrun when they waited too long.
public final class WriteQueue: @unchecked Sendable {
    // @unchecked: `jobs`, `closing` and `effects` are only touched under `condition`.

    /// One queued unit. `run` and `fast` run on the writer thread, inside the batch's transaction.
    public struct Job {
        public let run: (any Connection) throws -> Void
        public let finish: (Error?) -> Void
        let enqueued: ContinuousClock.Instant
        /// Runs alone, outside any transaction (connection settings such as PRAGMAs).
        public var control = false
        /// The unit's fast path: true when it answered (and staged its effect), false to run `run`.
        public var fast: ((any Connection) throws -> Bool)? = nil
        /// What the unit touches, for `BatchEffects.begin`.
        public var hint: (any Sendable)? = nil
        /// A request (counted in `WriterActivity`), not a `Writer.prefetch`.
        public var counted = true

        /// A request: `work` (and its `fast` path, if any) hand their value to `completion`.
        public static func unit<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                                             fast: (@Sendable (any StoreSession) throws -> T?)? = nil, hint: (any Sendable)? = nil,
                                             completion: @escaping @Sendable (Result<T, any Error>) -> Void) -> Job {
            let box = Box<T>()  // written on the writer thread, read after the batch's answers are released
            var job = Job(run: { box.value = try work($0) },
                          finish: { error in completion(error.map { .failure($0) } ?? .success(box.value!)) }, enqueued: .now)
            if let fast {
                job.fast = { connection in
                    guard let value = try fast(connection) else { return false }
                    box.value = value
                    return true
                }
            }
            job.hint = hint
            return job
        }

        /// A `Writer.prefetch`: hands `hint` to its batch, changes nothing, answers nobody.
        public static func prefetch(_ hint: any Sendable) -> Job {
            var job = Job(run: { _ in }, finish: { _ in }, enqueued: .now)
            job.fast = { _ in true }
            job.hint = hint
            job.counted = false
            return job
        }

        /// Work that runs alone between two batches, outside any transaction.
        public static func control(_ run: @escaping (any Connection) throws -> Void, finish: @escaping (Error?) -> Void) -> Job {
            Job(run: run, finish: finish, enqueued: .now, control: true)
        }
    }

    public let maxQueue: Int
    public let maxBatch: Int
    public let maxQueueWait: Duration
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var closing = false
    private var effects: (any BatchEffects)?

    public init(maxQueue: Int, maxBatch: Int, maxQueueWait: Duration) {
        self.maxQueue = maxQueue
        self.maxBatch = maxBatch
        self.maxQueueWait = maxQueueWait
    }

    /// Appends `job` unless the writer is closing or (when `limited`) the queue is full.
    public func enqueue(_ job: Job, limited: Bool = true) -> WriterError? {
        condition.lock()
        defer { condition.unlock() }
        if closing { return .closed }
        if limited && jobs.count >= maxQueue { return .overloaded }
        jobs.append(job)
        condition.signal()
        return nil
    }

    /// Requests waiting to run.
    public var pending: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count
    }

    public func attach(_ effects: any BatchEffects) {
        condition.lock()
        self.effects = effects
        condition.unlock()
    }

    /// Refuses every later job; true the first time (the caller then waits for its thread).
    public func close() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let first = !closing
        closing = true
        condition.signal()
        return first
    }

    /// Waits for work and takes it: a control job alone, or a batch of up to `maxBatch` jobs (up
    /// to the next control job), with the attached effects. nil once closed and drained.
    public func next() -> (jobs: [Job], effects: (any BatchEffects)?)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closing { condition.wait() }
        if jobs.isEmpty { return nil }
        if jobs[0].control { return ([jobs.removeFirst()], nil) }
        let take = min(jobs.prefix(maxBatch).firstIndex(where: \.control) ?? jobs.count, maxBatch)
        let batch = Array(jobs.prefix(take))
        jobs.removeFirst(take)
        return (batch, effects)
    }

    /// `batch` without the jobs that waited longer than `maxQueueWait`, which are answered
    /// `queueTimeout` unrun: their callers may already have given up.
    public func unexpired(_ batch: [Job]) -> [Job] {
        let deadline = ContinuousClock.now - maxQueueWait
        return batch.filter { job in
            guard job.enqueued < deadline else { return true }
            job.finish(WriterError.queueTimeout)
            return false
        }
    }
}
