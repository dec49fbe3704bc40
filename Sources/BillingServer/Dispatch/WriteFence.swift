import Synchronization

/// Read-your-writes on one connection: a read starts only after every write that the same
/// connection sent before it has committed, even though writes and reads run on different
/// threads and a pipelined read could otherwise overtake an earlier write.
///
/// `beginWrite` and `afterEarlierWrites` run on the connection's event loop, `endWrite` wherever
/// a write's answer is released. A read with no write of its connection outstanding (the common
/// case) only loads an atomic: `open` is raised only by the loop that is reading it, so a zero
/// there means every earlier write has ended.
final class WriteFence: Sendable {
    private struct State {
        var next = 0
        var outstanding = Set<Int>()
        var waiting: [(after: Int, run: @Sendable () -> Void)] = []
    }

    private let state = Mutex(State())
    /// `state.outstanding.count`, readable without the lock.
    private let open = Atomic<Int>(0)

    /// Registers a write in request order; pass the ticket to `endWrite` after its commit.
    func beginWrite() -> Int {
        state.withLock { s in
            s.next += 1
            s.outstanding.insert(s.next)
            open.add(1, ordering: .relaxed)
            return s.next
        }
    }

    func endWrite(_ ticket: Int) {
        let ready = state.withLock { s -> [@Sendable () -> Void] in
            s.outstanding.remove(ticket)
            open.subtract(1, ordering: .releasing)
            let oldest = s.outstanding.min() ?? Int.max
            guard s.waiting.contains(where: { $0.after < oldest }) else { return [] }
            let ready = s.waiting.filter { $0.after < oldest }
            s.waiting.removeAll { $0.after < oldest }
            return ready.map(\.run)
        }
        for run in ready { run() }
    }

    /// Runs `work` once every write registered so far has ended (at once when there is none).
    func afterEarlierWrites(_ work: @escaping @Sendable () -> Void) {
        if open.load(ordering: .acquiring) == 0 {
            work()
            return
        }
        let runNow = state.withLock { s -> Bool in
            guard let oldest = s.outstanding.min(), oldest <= s.next else { return true }
            s.waiting.append((after: s.next, run: work))
            return false
        }
        if runNow { work() }
    }
}
