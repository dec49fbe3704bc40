import BillingProtocol
import Foundation
import Synchronization

/// The daemon's one source of time. The real clock follows the system; a test clock
/// (`--test-clock`) stands still until `system.clock.advance`/`set` moves it, so tests are exact.
public final class BillingClock: Sendable {
    public let isTest: Bool
    private let frozen: Mutex<Int64>

    public init(test: Bool, start: Timestamp? = nil) {
        isTest = test
        frozen = Mutex(start?.milliseconds ?? BillingClock.systemNow().milliseconds)
    }

    public static func systemNow() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    public func now() -> Timestamp {
        isTest ? Timestamp(milliseconds: frozen.withLock { $0 }) : BillingClock.systemNow()
    }

    /// Moves the test clock to `time` (never backwards); returns the time now in force.
    @discardableResult
    public func set(_ time: Timestamp) -> Timestamp {
        frozen.withLock { value in
            value = max(value, time.milliseconds)
            return Timestamp(milliseconds: value)
        }
    }
}
