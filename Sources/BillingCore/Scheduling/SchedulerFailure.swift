import BillingProtocol

/// A due item that could not be processed (rolled back alone; due again next pass).
public struct SchedulerFailure: Sendable, Equatable {
    public let item: SchedulerItem
    public let reason: String
    /// The wire error type the failure maps to, when it is a domain error (e.g. `invalid_params`).
    public let errorType: String?

    init(item: SchedulerItem, reason: String, errorType: String? = nil) {
        self.item = item
        self.reason = reason
        self.errorType = errorType
    }

    init(item: SchedulerItem, error: any Error) {
        if let error = error as? BillingError {
            self.init(item: item, reason: error.message, errorType: error.kind.code.type)
        } else {
            self.init(item: item, reason: String(describing: error))
        }
    }
}
