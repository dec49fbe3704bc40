import Synchronization

/// What every `Writer` reports about itself, kept the same way by each: commit and request
/// counts for `system.stats`, and the observers of commits (metrics) and of batches rolled back
/// as a whole (state kept in memory, see `AccountCache`). The observers run on the writer thread.
public final class WriterActivity: Sendable {
    private struct State {
        var commits: Int64 = 0
        var requests: Int64 = 0
        var rerunBatches: Int64 = 0
        var commitObserver: (@Sendable (_ batchSize: Int, _ commitDuration: Duration) -> Void)?
        var failureObserver: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    public init() {}

    /// (commits, requests) since start.
    public var counters: (commits: Int64, requests: Int64) {
        state.withLock { ($0.commits, $0.requests) }
    }

    /// Batches run again with every unit on its SQL path after their `BatchEffects` failed to
    /// load or to write: zero unless a fast path staged what the store then refused (a bug).
    public var rerunBatches: Int64 {
        state.withLock { $0.rerunBatches }
    }

    public func observeCommits(_ observer: @escaping @Sendable (_ batchSize: Int, _ commitDuration: Duration) -> Void) {
        state.withLock { $0.commitObserver = observer }
    }

    public func observeBatchFailures(_ observer: @escaping @Sendable () -> Void) {
        state.withLock { $0.failureObserver = observer }
    }

    /// A batch of `batchSize` requests committed; its COMMIT took `duration`.
    public func committed(batchSize: Int, duration: Duration) {
        let observer = state.withLock { state in
            state.commits += 1
            state.requests += Int64(batchSize)
            return state.commitObserver
        }
        observer?(batchSize, duration)
    }

    /// A batch's effects failed: it was rolled back (`rolledBack`) and runs again without them.
    public func rerunWithoutEffects() {
        state.withLock { $0.rerunBatches += 1 }
    }

    /// A batch was rolled back as a whole after some of its units had run: they never happened.
    public func rolledBack() {
        state.withLock { $0.failureObserver }?()
    }
}
