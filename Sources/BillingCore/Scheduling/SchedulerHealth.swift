import BillingProtocol
import Synchronization

/// What the scheduler has done since start, for `system.stats` and the logs: passes, items
/// processed and failed, and the items failing right now with how many passes in a row.
public final class SchedulerHealth: Sendable {
    /// One item that failed on the latest pass.
    public struct Failing: Sendable {
        public let failure: SchedulerFailure
        /// Passes in a row that this item has failed.
        public let consecutive: Int
    }

    private struct State {
        var passes = 0
        var processed = 0
        var failures = 0
        var failing: [String: Failing] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts one pass. Returns its failures with their consecutive counts, and the items that
    /// failed before and were processed now (`recovered`), so the caller can log both.
    @discardableResult
    public func record(_ report: SchedulerReport) -> (failing: [Failing], recovered: [SchedulerItem]) {
        state.withLock { state in
            state.passes += 1
            state.processed += report.processed.values.reduce(0, +)
            state.failures += report.failures.count
            var now: [String: Failing] = [:]
            for failure in report.failures {
                let before = state.failing[failure.item.key]?.consecutive ?? 0
                now[failure.item.key] = Failing(failure: failure, consecutive: before + 1)
            }
            let recovered = state.failing.filter { now[$0.key] == nil }.map(\.value.failure.item)
            state.failing = now
            return (report.failures.map { now[$0.item.key]! }, recovered)
        }
    }

    /// The `scheduler` member of `system.stats`: counts since start and the items failing now, in key order.
    public var report: StatsReport.Scheduler {
        state.withLock { state in
            StatsReport.Scheduler(
                passes: Int64(state.passes), itemsProcessed: Int64(state.processed), failures: Int64(state.failures),
                failing: state.failing.values.sorted { $0.failure.item.key < $1.failure.item.key }.map { failing in
                    let failure = failing.failure
                    return StatsReport.FailingItem(kind: failure.item.kind.rawValue, id: failure.item.id, reason: failure.reason,
                                                   errorType: failure.errorType, consecutive: Int64(failing.consecutive))
                })
        }
    }
}
