import Synchronization

/// Read-your-writes on one connection: a read starts only after every write that the same
/// connection sent before it has committed, even though writes and reads run on different
/// threads and a pipelined read could otherwise overtake an earlier write.
final class WriteFence: Sendable {
    private struct State {
        var next = 0
        var outstanding = Set<Int>()
        var waiting: [(after: Int, run: @Sendable () -> Void)] = []
    }

    private let state = Mutex(State())

    /// Registers a write in request order; pass the ticket to `endWrite` after its commit.
    func beginWrite() -> Int {
        state.withLock { s in
            s.next += 1
            s.outstanding.insert(s.next)
            return s.next
        }
    }

    func endWrite(_ ticket: Int) {
        let ready = state.withLock { s -> [@Sendable () -> Void] in
            s.outstanding.remove(ticket)
            let oldest = s.outstanding.min() ?? Int.max
            let ready = s.waiting.filter { $0.after < oldest }
            s.waiting.removeAll { $0.after < oldest }
            return ready.map(\.run)
        }
        for run in ready { run() }
    }

    /// Runs `work` once every write registered so far has ended (at once when there is none).
    func afterEarlierWrites(_ work: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { s -> Bool in
            guard let oldest = s.outstanding.min(), oldest <= s.next else { return true }
            s.waiting.append((after: s.next, run: work))
            return false
        }
        if runNow { work() }
    }
}
