import Foundation

/// The single writer: one thread, one connection. It drains every waiting state change into
/// one transaction, runs each in its own savepoint (a failing request rolls back alone),
/// commits once, and only then answers all of them: durable group commit.
public final class Writer: @unchecked Sendable {
    // @unchecked: `queue`, `closing`, `commits` and `requests` are only touched under `condition`;
    // `connection` only on the writer thread (and by `close()` after that thread has finished).

    /// A unit of work: runs inside the batch's transaction on the writer thread.
    public typealias Work<T> = @Sendable (Connection) throws -> T

    public enum SubmitError: Error, Sendable {
        /// More than `maxQueue` requests are waiting.
        case overloaded
        /// The writer is closing or closed.
        case closed
    }

    private struct Job {
        let run: (Connection) throws -> Void
        let finish: (Error?) -> Void
    }

    /// Dropped (and so closed) by `close()` once the thread has finished.
    private var connection: Connection?
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var closing = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private var commitCount: Int64 = 0
    private var requestCount: Int64 = 0

    public let maxQueue: Int
    public let maxBatch: Int

    public init(connection: Connection, maxQueue: Int = 10_000, maxBatch: Int = 1_000) {
        self.connection = connection
        self.maxQueue = maxQueue
        self.maxBatch = maxBatch
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "billingd-writer"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// Queues `work`; `completion` runs on the writer thread once the transaction holding it
    /// has committed (or with the error that rolled this request back).
    public func submit<T: Sendable>(_ work: @escaping Work<T>, completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let box = Box<T>()  // written and read on the writer thread only
        let job = Job(
            run: { box.value = try work($0) },
            finish: { error in completion(error.map { .failure($0) } ?? .success(box.value!)) })
        condition.lock()
        if closing {
            condition.unlock()
            completion(.failure(SubmitError.closed))
            return
        }
        if queue.count >= maxQueue {
            condition.unlock()
            completion(.failure(SubmitError.overloaded))
            return
        }
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `work` and waits for its commit. For start-up, CLI commands and tests, never an event loop.
    public func perform<T: Sendable>(_ work: @escaping Work<T>) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = Box<Result<T, any Error>>()  // handed over by the semaphore
        submit(work) { result in
            box.value = result
            done.signal()
        }
        done.wait()
        return try box.value!.get()
    }

    public var pending: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// (commits, requests) since start.
    public var counters: (commits: Int64, requests: Int64) {
        condition.lock()
        defer { condition.unlock() }
        return (commitCount, requestCount)
    }

    /// Finishes everything already queued, then stops the thread. Later submits fail with `.closed`.
    public func close() {
        condition.lock()
        let wasClosing = closing
        closing = true
        condition.signal()
        condition.unlock()
        if !wasClosing {
            finished.wait()
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
            let take = min(queue.count, maxBatch)
            let batch = Array(queue.prefix(take))
            queue.removeFirst(take)
            condition.unlock()
            runBatch(batch)
        }
        finished.signal()
    }

    private func runBatch(_ batch: [Job]) {
        let connection = connection!
        var errors: [Error?] = []
        errors.reserveCapacity(batch.count)
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            for job in batch { job.finish(error) }
            return
        }
        for job in batch {
            do {
                try connection.run("SAVEPOINT request")
                do {
                    try job.run(connection)
                    try connection.run("RELEASE request")
                    errors.append(nil)
                } catch {
                    try connection.run("ROLLBACK TO request")
                    try connection.run("RELEASE request")
                    errors.append(error)
                }
            } catch {
                errors.append(error)
            }
        }
        do {
            try connection.run("COMMIT")
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            for job in batch { job.finish(error) }
            return
        }
        condition.lock()
        commitCount += 1
        requestCount += Int64(batch.count)
        condition.unlock()
        for (job, error) in zip(batch, errors) { job.finish(error) }
    }
}
