import BillingCore
import BillingStore
import Foundation
import Logging
import PostgresNIO

/// The single writer of one daemon on PostgreSQL: one thread, one session. Like `SQLiteWriter`
/// it drains every waiting state change into one transaction, runs each in its own savepoint (a
/// failing request rolls back alone) and commits once; with `fsync` and `synchronous_commit` on,
/// a batch is durable when COMMIT returns, so answers are released right then.
///
/// Several daemons may write one database, so the transaction is SERIALIZABLE: the domain reads
/// (a balance, grants, a reservation, an idempotency key, a subscription) and decides, and
/// PostgreSQL commits a batch only if running the batches one after another would have given the
/// same reads. REPEATABLE READ would do for today's paths, where every decision either writes the
/// rows it read (balance and grants, a reservation's status: a concurrent update is a 40001) or is
/// backed by a unique index (idempotency keys, one live subscription per user, a settled webhook
/// delivery); but any path that decides on rows it does not write (write skew) would break
/// silently under it, and nothing would tell. SERIALIZABLE holds for every path as written, at
/// the price of some false-positive conflicts, which the retries absorb.
///
/// A batch that loses a conflict (40001, 40P01, or a unique violation from another daemon's
/// concurrent insert) is rolled back and run again whole, a few times; then each of its requests
/// in its own transaction, so one hot key cannot starve the others. A re-run runs the units'
/// closures again: they must keep their effects in the database (the domain's do).
///
/// When the session is lost or PostgreSQL is down, every request of the batch is answered
/// `StoreUnavailable` (1010) and none of it is applied; the writer reconnects with backoff before
/// the next batch. A session lost during COMMIT leaves the outcome unknown: the answer says so
/// (`outcomeUnknown`) and a retry with the same idempotency key resolves it.
///
/// With `BatchEffects` attached, a batch's fast units run first on their fast path, on the
/// accounts `begin` loaded (and locked) for the whole batch, and their effects are written in a
/// few multi-row statements: a handful of round trips per batch instead of about fifteen per
/// request. A fast unit that fails on a statement (PostgreSQL then aborts the whole transaction,
/// and there was no savepoint) sends the batch to run again with every unit on its SQL path.
///
/// A batch whose units all have a fast path runs first at READ COMMITTED, correct by locking
/// instead of by SERIALIZABLE's checks: `begin` locks the batch's `user_credits` rows
/// `FOR UPDATE` in user order and every unit decides on rows read after that lock. Every path
/// that changes a balance, a grant or a hold updates that user's `user_credits` row in the same
/// transaction, so none of them can commit between the lock and this batch's COMMIT, and one that
/// committed before the lock is seen by the reads after it (each statement reads the latest
/// commit). Daemons that share users then queue on the row locks instead of failing each other's
/// batches with serialization errors. If any unit needs its SQL path (written for SERIALIZABLE),
/// the attempt is rolled back and the batch runs SERIALIZABLE.
public final class PostgresWriter: Writer, @unchecked Sendable {
    // @unchecked: `session` and `reconnect` are only used on the writer thread; the queue keeps its own lock.

    private typealias Job = WriteQueue.Job

    /// `BatchEffects` failed to load or to write (not a conflict, not a lost session): the batch
    /// runs again without them.
    private struct EffectsFailure: Error {
        let error: any Error
    }

    /// A unit of a READ COMMITTED attempt needs its SQL path: the batch runs again SERIALIZABLE.
    private struct NeedsSerializable: Error {}

    private let connect: () throws -> PostgresSession
    private var session: PostgresSession?
    private var reconnect = Backoff()
    private let queue: WriteQueue
    private let finished = DispatchSemaphore(value: 0)
    public let activity = WriterActivity()

    public var maxQueue: Int { queue.maxQueue }
    public var maxBatch: Int { queue.maxBatch }
    public var maxQueueWait: Duration { queue.maxQueueWait }
    /// Whole-batch runs before its requests run one per transaction.
    public let batchAttempts: Int
    /// Runs of a single request that keeps losing conflicts before it fails with the conflict.
    public let requestAttempts = 20

    /// `connect` opens a new session (on the writer thread, at start and after a loss); `session`
    /// is the first one, already open.
    init(session: PostgresSession, connect: @escaping () throws -> PostgresSession, maxQueue: Int, maxBatch: Int,
         maxQueueWait: Duration, batchAttempts: Int) {
        self.session = session
        self.connect = connect
        queue = WriteQueue(maxQueue: maxQueue, maxBatch: maxBatch, maxQueueWait: maxQueueWait)
        self.batchAttempts = max(1, batchAttempts)
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "billingd-pg-writer"
        thread.stackSize = 8 << 20
        thread.start()
    }

    public func submit<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if let refused = queue.enqueue(.unit(work, completion: completion)) { completion(.failure(refused)) }
    }

    public func submit<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                                    fast: @escaping @Sendable (any StoreSession) throws -> T?, hint: any Sendable,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if let refused = queue.enqueue(.unit(work, fast: fast, hint: hint, completion: completion)) { completion(.failure(refused)) }
    }

    /// Nothing to do: on a shared store a batch keeps nothing for the next one.
    public func prefetch(_ hint: any Sendable) {}

    public func attach(_ effects: any BatchEffects) {
        queue.attach(effects)
    }

    public var pending: Int { queue.pending }

    /// Finishes everything queued, then closes the session. Later submits fail with `.closed`.
    public func close() {
        guard queue.close() else { return }
        finished.wait()
    }

    private func loop() {
        while let (batch, effects) = queue.next() { runBatch(batch, effects: effects) }
        session?.close()
        session = nil
        finished.signal()
    }

    private func runBatch(_ queued: [Job], effects attached: (any BatchEffects)?) {
        let batch = queue.unexpired(queued)
        guard !batch.isEmpty else { return }
        var effects = batch.contains { $0.fast != nil } ? attached : nil
        var locking = effects != nil && batch.allSatisfy { $0.fast != nil }
        var attempts = 0
        while attempts < batchAttempts {
            switch attemptBatch(batch, effects: effects, locking: locking) {
            case .committed(let errors, let duration):
                activity.committed(batchSize: batch.count, duration: duration)
                for (job, error) in zip(batch, errors) { job.finish(error) }
                return
            case .failed(let error):
                for job in batch { job.finish(error) }
                return
            case .conflict:
                attempts += 1
            case .effectsFailed:
                activity.rerunWithoutEffects()
                effects = nil
                locking = false
            case .needsSerializable:
                locking = false
            }
        }
        for job in batch { runAlone(job) }
    }

    /// Runs one request in its own transaction until it commits without a conflict. A unique
    /// violation that persists alone is the request's own (not a race): it fails after a retry.
    private func runAlone(_ job: Job) {
        var conflict: (any Error)?
        for attempt in 0..<requestAttempts {
            if attempt >= 2, let error = conflict as? PostgresError, error.isUniqueViolation { break }
            if attempt > 0 { Thread.sleep(forTimeInterval: Double.random(in: 0.001...0.005) * Double(min(attempt, 10))) }
            switch attemptBatch([job], effects: nil, locking: false) {
            case .committed(let errors, let duration):
                activity.committed(batchSize: 1, duration: duration)
                job.finish(errors[0])
                return
            case .failed(let error):
                job.finish(error)
                return
            case .conflict(let error):
                conflict = error
            case .effectsFailed, .needsSerializable:
                preconditionFailure("a unit run alone runs without effects, SERIALIZABLE")
            }
        }
        job.finish(conflict ?? StoreUnavailable("the request kept losing serialization conflicts"))
    }

    private enum Outcome {
        case committed([(any Error)?], Duration)
        /// Nothing applied; every request gets this error.
        case failed(any Error)
        /// Nothing applied; lost to a concurrent transaction: run it again.
        case conflict(any Error)
        /// Nothing applied; the batch's effects failed: run it again without them.
        case effectsFailed
        /// Nothing applied; a unit of a READ COMMITTED attempt needs its SQL path.
        case needsSerializable
    }

    /// Runs `batch` in one transaction: SERIALIZABLE, or with `locking` (every unit fast, see the
    /// type's doc) READ COMMITTED under the row locks `effects` takes at `begin`.
    private func attemptBatch(_ batch: [Job], effects: (any BatchEffects)?, locking: Bool) -> Outcome {
        let session: PostgresSession
        do {
            session = try openSession()
        } catch {
            return .failed(error)
        }
        var errors: [(any Error)?] = []
        errors.reserveCapacity(batch.count)
        do {
            try session.execute(locking ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN ISOLATION LEVEL SERIALIZABLE")
            try withEffects { try effects?.begin(session, hints: batch.compactMap(\.hint)) }
            for job in batch {
                if effects != nil, let fast = job.fast {
                    do {
                        if try fast(session) {
                            errors.append(nil)
                            continue
                        }
                        if locking { throw NeedsSerializable() }
                    } catch is NeedsSerializable {
                        throw NeedsSerializable()
                    } catch {
                        // A failed statement aborted the transaction (no savepoint to go back to).
                        if error is PostgresError || error is StoreUnavailable { throw EffectsFailure(error: error) }
                        errors.append(error)
                        continue
                    }
                }
                // A unit on the SQL path reads what the fast units before it changed.
                try withEffects { try effects?.flush(session) }
                try session.execute("SAVEPOINT request")
                do {
                    try job.run(session)
                    try session.execute("RELEASE request")
                    errors.append(nil)
                } catch {
                    if PostgresWriter.isConflict(error) || error is StoreUnavailable { throw error }
                    try session.execute("ROLLBACK TO request")
                    try session.execute("RELEASE request")
                    errors.append(error)
                }
            }
            try withEffects { try effects?.flush(session) }
        } catch {
            _ = effects?.end(committed: false)
            return abandon(session, error)
        }
        let started = ContinuousClock.now
        do {
            try session.execute("COMMIT")
        } catch let error as StoreUnavailable {
            _ = effects?.end(committed: false)
            activity.rolledBack()
            return .failed(StoreUnavailable(error.reason, outcomeUnknown: true))
        } catch {
            _ = effects?.end(committed: false)
            return abandon(session, error)
        }
        // Durable now (COMMIT returned with synchronous_commit on).
        effects?.end(committed: true)?()
        return .committed(errors, ContinuousClock.now - started)
    }

    /// Runs a call into the batch's effects, marking what it throws as theirs.
    private func withEffects(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw EffectsFailure(error: error)
        }
    }

    /// Rolls back what the failed attempt did and sorts its error.
    private func abandon(_ session: PostgresSession, _ thrown: any Error) -> Outcome {
        if session.isInTransaction { try? session.execute("ROLLBACK") }
        activity.rolledBack()
        if thrown is NeedsSerializable { return .needsSerializable }
        let fromEffects = thrown is EffectsFailure
        let error = (thrown as? EffectsFailure)?.error ?? thrown
        if error is StoreUnavailable || session.isBroken { return .failed(error is StoreUnavailable ? error : StoreUnavailable("\(error)")) }
        if PostgresWriter.isConflict(error) { return .conflict(error) }
        return fromEffects ? .effectsFailed : .failed(error)
    }

    /// Lost to a concurrent transaction, so running again can succeed. A unique violation counts:
    /// another daemon inserted the same key (an idempotency key, a webhook delivery) after this
    /// batch looked for it; the re-run finds it and replays.
    static func isConflict(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        return error.mustRetryTransaction || error.isUniqueViolation
    }

    /// The open session, or a new one when it was lost (at most one attempt per backoff step).
    private func openSession() throws -> PostgresSession {
        if let session, !session.isBroken { return session }
        session = nil
        try reconnect.attempt()
        do {
            let fresh = try connect()
            reconnect.succeeded()
            session = fresh
            return fresh
        } catch {
            reconnect.failed()
            throw error is StoreUnavailable ? error : StoreUnavailable("\(error)")
        }
    }
}
