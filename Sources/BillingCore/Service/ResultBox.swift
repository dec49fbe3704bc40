import BillingProtocol
import Synchronization

/// Carries one result from a completion handler to a waiting thread.
final class ResultBox: Sendable {
    private let slot = Mutex<Result<JSONValue, any Error>?>(nil)
    func set(_ result: Result<JSONValue, any Error>) { slot.withLock { $0 = result } }
    func get() throws -> JSONValue { try slot.withLock { $0! }.get() }
}
