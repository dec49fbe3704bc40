import BillingProtocol

extension CreditBalance {
    /// This view after a consume (or, `holding`, a reservation) of `amount` took `pieces` from its
    /// grants, or nil when the pieces do not match the view's grants (then the view is dropped,
    /// never guessed). A consume counts as used; a hold counts as reserved.
    func spending(_ amount: Int64, _ pieces: [AccountCache.Piece], holding: Bool = false) -> CreditBalance? {
        moving(pieces, by: { -$0.amount }, current: -amount, reserved: holding ? amount : 0, used: holding ? 0 : amount)
    }

    /// This view after a hold of `amount` ended with `spent` of it used and `givenBack` returned to
    /// its grants, or nil when a returned piece's grant is not in the view (then the view is
    /// dropped, never guessed).
    func endingHold(_ amount: Int64, spent: Int64, givenBack: [AccountCache.Piece]) -> CreditBalance? {
        moving(givenBack, by: \.amount, current: amount - spent, reserved: -amount, used: spent)
    }

    /// What a spend and a hold's end share: each piece's grant moves by `change` (minus what was
    /// taken, or plus what went back) to what the piece says it left, grants left empty drop out
    /// (a view lists only grants with credits left), and the balance and totals move by the rest;
    /// nil when a piece's grant is missing or does not end where the piece says.
    private func moving(_ pieces: [AccountCache.Piece], by change: (AccountCache.Piece) -> Int64, current: Int64, reserved: Int64,
                        used: Int64) -> CreditBalance? {
        var grants = self.grants
        for piece in pieces {
            guard let index = grants.firstIndex(where: { $0.grantID == String(piece.grantID) }),
                  grants[index].remaining + change(piece) == piece.remaining
            else { return nil }
            let grant = grants[index]
            grants[index] = Grant(grantID: grant.grantID, source: grant.source, amount: grant.amount, remaining: piece.remaining,
                                  expiresAt: grant.expiresAt)
        }
        grants.removeAll { $0.remaining == 0 }
        return CreditBalance(
            userID: userID, currentCredits: currentCredits + current, reservedCredits: reservedCredits + reserved,
            totalCreditsPurchased: totalCreditsPurchased, totalCreditsUsed: totalCreditsUsed + used,
            totalCreditsExpired: totalCreditsExpired, totalCreditsRevoked: totalCreditsRevoked,
            creditsUsedThisPeriod: creditsUsedThisPeriod + used, subscriptionID: subscriptionID, periodStart: periodStart,
            periodEnd: periodEnd, lastCreditRefill: lastCreditRefill, nextCreditRefill: nextCreditRefill, grants: grants)
    }
}
