import BillingCore
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Holds every answer back until the state it may depend on is on disk.
///
/// Batches are numbered: the writer takes the next number (`beginCommit`) *before* its COMMIT,
/// so a reader whose snapshot includes batch k reads a number >= k afterwards (`visibleBatch`).
/// An answer is released once every batch up to its number is durable. In `.pipelined` mode a
/// syncer thread syncs the WAL while the writer already runs the next batch, and releases, after
/// each sync, every answer of the batches committed before that sync started (several batches
/// per sync when they queue up). In `.full`/`.extra` mode SQLite's COMMIT has synced already,
/// so a batch is durable when its COMMIT returns. A failed sync ends the process: nothing
/// waiting is answered, and no later batch can be proved durable on that file.
public final class DurabilityGate: @unchecked Sendable {
    // @unchecked: `state` is only touched under `condition`; the atomics are atomic; the rest
    // is immutable after `init` (the syncer thread is waited for through `stopped`).

    private struct State {
        /// Every batch up to this one has finished its COMMIT (successfully or not).
        var committed: UInt64 = 0
        /// Every batch up to this one is on disk.
        var durable: UInt64 = 0
        var waiting: [(batch: UInt64, release: () -> Void)] = []
        var closing = false
    }

    /// The number of the last batch that has started to COMMIT (written by the writer only).
    private let committing = Atomic<UInt64>(0)
    /// `state.durable`, readable without the lock: a read whose batch is durable already (the
    /// common case) answers at once.
    private let durableNow = Atomic<UInt64>(0)
    private let condition = NSCondition()
    private var state = State()
    private let wal: WALFile?
    private let stopped = DispatchSemaphore(value: 0)

    /// `wal` is the writer connection's WAL file; it is synced once before anything is served,
    /// so state recovered from a WAL that was written but never synced (a process crash leaves
    /// it in the page cache) is durable before a reader or a retry can see it.
    init(mode: SyncMode, wal: WALFile) throws {
        let rc = wal.sync()
        guard rc == 0 else { throw SQLiteError(code: rc, message: "cannot sync the WAL file") }
        if mode == .pipelined {
            self.wal = wal
            let thread = Thread { [unowned self] in self.syncLoop() }
            thread.name = "billingd-syncer"
            thread.start()
        } else {
            self.wal = nil
        }
    }

    /// Writer only, right before COMMIT: the batch's number.
    func beginCommit() -> UInt64 {
        let next = committing.load(ordering: .relaxed) + 1
        committing.store(next, ordering: .sequentiallyConsistent)
        return next
    }

    /// The last batch that has started to COMMIT. Read after a read transaction's snapshot was
    /// taken, it is at least the last batch that snapshot can include.
    var visibleBatch: UInt64 { committing.load(ordering: .sequentiallyConsistent) }

    /// Writer only, after the COMMIT of `batch` returned (or failed), or with `visibleBatch` for
    /// answers of a batch that never committed: runs `release` once `batch` is durable.
    func committed(_ batch: UInt64, release: @escaping () -> Void) {
        condition.lock()
        state.committed = max(state.committed, batch)
        var ready = admit(batch, release)
        if wal == nil {
            state.durable = state.committed
            durableNow.store(state.durable, ordering: .releasing)
            ready += takeDurable()
        } else {
            condition.signal()
        }
        condition.unlock()
        for run in ready { run() }
    }

    /// Runs `release` once every batch up to `batch` is durable (at once when it is).
    func whenDurable(_ batch: UInt64, release: @escaping () -> Void) {
        if batch <= durableNow.load(ordering: .acquiring) {
            release()
            return
        }
        condition.lock()
        let ready = admit(batch, release)
        condition.unlock()
        for run in ready { run() }
    }

    /// Under `condition`: `release` alone when `batch` is durable already, else it waits.
    private func admit(_ batch: UInt64, _ release: @escaping () -> Void) -> [() -> Void] {
        if batch <= state.durable { return [release] }
        state.waiting.append((batch, release))
        return []
    }

    /// Under `condition`: removes and returns every waiting answer that is durable now.
    private func takeDurable() -> [() -> Void] {
        let durable = state.durable
        guard state.waiting.contains(where: { $0.batch <= durable }) else { return [] }
        let ready = state.waiting.filter { $0.batch <= durable }.map(\.release)
        state.waiting.removeAll { $0.batch <= durable }
        return ready
    }

    /// Waits for everything committed to become durable and its answers to run, then stops the
    /// syncer. The writer calls it after its last batch.
    func close() {
        condition.lock()
        let wasClosing = state.closing
        state.closing = true
        condition.signal()
        condition.unlock()
        if wal != nil && !wasClosing { stopped.wait() }
    }

    private func syncLoop() {
        guard let wal else { return }
        while true {
            condition.lock()
            while state.committed == state.durable && !state.closing { condition.wait() }
            if state.committed == state.durable {
                condition.unlock()
                break
            }
            let target = state.committed
            condition.unlock()
            let rc = wal.sync()
            if rc != 0 { Self.fail(rc) }
            condition.lock()
            state.durable = target
            durableNow.store(target, ordering: .releasing)
            let ready = takeDurable()
            condition.unlock()
            // On this thread: one hop less per answer than a separate queue, and the writer
            // keeps running the next batch meanwhile.
            for run in ready { run() }
        }
        stopped.signal()
    }

    /// A failed fsync may have dropped dirty pages that a retry would then report as synced, so
    /// there is no safe way on: leave without answering anything that waited for it.
    private static func fail(_ rc: Int32) -> Never {
        let message = "billingd: fatal: syncing the WAL failed (SQLite code \(rc), errno \(errno)); exiting without acknowledging the pending writes\n"
        message.utf8CString.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count - 1) }
        _exit(74)
    }
}
