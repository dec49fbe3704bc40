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

    /// `{passes, items_processed, failures, failing: [{kind, id, reason, error_type, consecutive}]}`.
    public var json: JSONValue {
        state.withLock { state in
            .object([
                "passes": .int(state.passes), "items_processed": .int(state.processed), "failures": .int(state.failures),
                "failing": .array(state.failing.values.sorted { $0.failure.item.key < $1.failure.item.key }.map { failing in
                    guard case .object(var object) = failing.failure.json else { return failing.failure.json }
                    object["consecutive"] = .int(failing.consecutive)
                    return .object(object)
                }),
            ])
        }
    }
}
