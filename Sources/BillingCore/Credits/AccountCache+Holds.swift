import BillingProtocol

extension AccountCache {
    /// A held reservation of a kept account, with what it holds of which grant, so that a commit
    /// or a release is decided in memory exactly as `Reservations.commit` / `release` decide it.
    struct HeldReservation: Sendable {
        /// What the reservation holds of one grant.
        struct Part: Sendable {
            let grantID: Int64
            let amount: Int64
            /// The grant's expiry (epoch ms, nil: never).
            let grantExpiresAt: Int64?
        }

        let amount: Int64
        let expiresAt: Int64
        /// Soonest-expiring grant first (never-expiring last), then by id: the order a commit spends them in.
        let parts: [Part]

        /// Spend order of grants: by expiry, never-expiring last, then by id.
        static func precedes(_ a: (id: Int64, expiresAt: Int64?), _ b: (id: Int64, expiresAt: Int64?)) -> Bool {
            switch (a.expiresAt, b.expiresAt) {
            case let (x?, y?): x != y ? x < y : a.id < b.id
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.id < b.id
            }
        }
    }
}

extension AccountCache.Account {
    /// Ends hold `id`: `spent` of it (at most its amount) is used, the rest goes back to the
    /// grants it came from, split as `Reservations.commit` splits it (`Reservations.leftOver`).
    /// Returns the hold's amount and what went back to which grant (with what the grant holds
    /// after), or nil, changing nothing, when a credit would go back into a grant past its expiry
    /// at `now` (the SQL path gives it back and expires it). Throws, changing nothing, when the
    /// hold is not kept or a sum passes 64 bits (damaged books).
    mutating func endHold(_ id: String, spending spent: Int64, user: String, now: Timestamp)
        throws -> (held: Int64, givenBack: [AccountCache.Piece])? {
        guard let hold = held[id], spent <= hold.amount else { throw LedgerInconsistency(user: user) }
        let back = Reservations.leftOver(of: hold.parts, spending: spent, amount: \.amount) {
            AccountCache.HeldReservation.Part(grantID: $0.grantID, amount: $1, grantExpiresAt: $0.grantExpiresAt)
        }
        guard back.allSatisfy({ $0.grantExpiresAt.map { $0 > now.milliseconds } ?? true }) else { return nil }
        var grants = self.grants
        var current = self.current
        var pieces: [AccountCache.Piece] = []
        for part in back {
            let remaining: Int64
            if let index = grants.firstIndex(where: { $0.id == part.grantID }) {
                remaining = try Ledger.checkedSum(grants[index].remaining, part.amount, user: user)
                grants[index].remaining = remaining
            } else {
                remaining = part.amount
                let index = grants.firstIndex { AccountCache.HeldReservation.precedes((part.grantID, part.grantExpiresAt), ($0.id, $0.expiresAt)) }
                grants.insert(AccountCache.LiveGrant(id: part.grantID, remaining: remaining, expiresAt: part.grantExpiresAt),
                              at: index ?? grants.endIndex)
            }
            current = try Ledger.checkedSum(current, part.amount, user: user)
            pieces.append(AccountCache.Piece(grantID: part.grantID, amount: part.amount, remaining: remaining, expiresAt: part.grantExpiresAt))
        }
        self.grants = grants
        self.current = current
        held[id] = nil
        view = view?.endingHold(hold.amount, spent: spent, givenBack: pieces)
        return (hold.amount, pieces)
    }
}
