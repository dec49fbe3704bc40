import BillingCore
import BillingStore
import Foundation

/// Read sessions on PostgreSQL: `count` threads, each with its own session, taking reads from one
/// queue (a slow report does not hold up the lookups behind it). Each read runs in a READ ONLY
/// REPEATABLE READ transaction: several statements see one snapshot, as on SQLite. PostgreSQL
/// shows only committed transactions, and a commit is durable before it is visible
/// (`synchronous_commit` on), so no read shows a change a crash could take back.
///
/// A lost session fails its read with `StoreUnavailable` (1010); the thread reconnects, with
/// backoff, on its next read.
public final class PostgresReaderPool: ReaderPool, @unchecked Sendable {
    // @unchecked: `queue` and `closing` are only touched under `condition`; each session only on its thread.

    private let condition = NSCondition()
    private struct Job {
        let run: (PostgresSession) -> Void
        let fail: (any Error) -> Void
    }

    private var queue: [Job] = []
    private var closing = false
    private let finished: DispatchGroup = DispatchGroup()

    /// `connect` opens a session (on the reader's own thread).
    init(count: Int, connect: @escaping @Sendable (_ id: Int) throws -> PostgresSession) {
        for index in 0..<max(1, count) {
            finished.enter()
            let thread = Thread { [unowned self] in
                self.loop { try connect(1 + index) }
                self.finished.leave()
            }
            thread.name = "billingd-pg-reader-\(index)"
            thread.start()
        }
    }

    public func read<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                                  completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        condition.lock()
        guard !closing else {
            condition.unlock()
            completion(.failure(WriterError.closed))
            return
        }
        queue.append(Job(run: { session in completion(Result { try session.transactionRead(work) }) },
                         fail: { completion(.failure($0)) }))
        condition.signal()
        condition.unlock()
    }

    /// Lets queued reads finish, then closes every session; later reads fail with `.closed`.
    public func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func loop(_ connect: () throws -> PostgresSession) {
        var session: PostgresSession?
        var backoff = Backoff()
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                break
            }
            let job = queue.removeFirst()
            condition.unlock()
            if session == nil || session!.isBroken {
                session = nil
                do {
                    try backoff.attempt()
                    session = try connect()
                    backoff.succeeded()
                } catch {
                    backoff.failed()
                    job.fail(error is StoreUnavailable ? error : StoreUnavailable("\(error)"))
                    continue
                }
            }
            job.run(session!)
        }
        session?.close()
    }
}

extension PostgresSession {
    /// Several statements that must see one snapshot run inside one read-only transaction.
    func transactionRead<T>(_ work: (any Connection) throws -> T) throws -> T {
        try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { if isInTransaction { try? execute("ROLLBACK") } }
        return try work(self)
    }
}
