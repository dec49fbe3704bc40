/// Where a payment stands (`payment_history.status`; the schema's CHECK lists the same four).
///
///     pending ──> completed ──> refunded
///        └──────> failed
public enum PaymentStatus: String, Sendable, CaseIterable {
    case pending, completed, failed, refunded

    /// Whether `payments.update_status` may move a payment from this status to `next`.
    public func canBecome(_ next: PaymentStatus) -> Bool {
        switch (self, next) {
        case (.pending, .completed), (.pending, .failed), (.completed, .refunded): true
        default: false
        }
    }
}
