/// What a batch changed of one account (`user_credits`): the balance after it, and what it adds
/// to the used and reserved totals.
public struct BalanceChange: Sendable {
    public var current: Int64
    public var used: Int64
    public var reserved: Int64
    /// When it last changed (epoch ms).
    public var at: Int64

    public init(current: Int64, used: Int64, reserved: Int64, at: Int64) {
        self.current = current
        self.used = used
        self.reserved = reserved
        self.at = at
    }
}
