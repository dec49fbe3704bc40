/// What one change adds to an account's balance and totals (negative: takes away). Used also
/// counts in the credits used this period.
public struct AccountDelta: Sendable {
    public var current: Int64 = 0
    public var purchased: Int64 = 0
    public var used: Int64 = 0
    public var reserved: Int64 = 0
    public var expired: Int64 = 0
    public var revoked: Int64 = 0

    public init(current: Int64 = 0, purchased: Int64 = 0, used: Int64 = 0, reserved: Int64 = 0, expired: Int64 = 0, revoked: Int64 = 0) {
        self.current = current
        self.purchased = purchased
        self.used = used
        self.reserved = reserved
        self.expired = expired
        self.revoked = revoked
    }
}
