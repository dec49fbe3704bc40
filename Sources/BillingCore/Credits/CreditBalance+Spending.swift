import BillingProtocol

extension CreditBalance {
    /// This view after a consume of `amount` took `pieces` from its grants, or nil when the
    /// pieces do not match the view's grants (then the view is dropped, never guessed).
    func spending(_ amount: Int64, _ pieces: [AccountCache.Piece]) -> CreditBalance? {
        var grants = self.grants
        for piece in pieces {
            guard let index = grants.firstIndex(where: { $0.grantID == String(piece.grantID) }),
                  grants[index].remaining - piece.amount == piece.remaining
            else { return nil }
            let grant = grants[index]
            grants[index] = Grant(grantID: grant.grantID, source: grant.source, amount: grant.amount, remaining: piece.remaining,
                                  expiresAt: grant.expiresAt)
        }
        grants.removeAll { $0.remaining == 0 }
        return CreditBalance(
            userID: userID, currentCredits: currentCredits - amount, reservedCredits: reservedCredits,
            totalCreditsPurchased: totalCreditsPurchased, totalCreditsUsed: totalCreditsUsed + amount,
            totalCreditsExpired: totalCreditsExpired, totalCreditsRevoked: totalCreditsRevoked,
            creditsUsedThisPeriod: creditsUsedThisPeriod + amount, subscriptionID: subscriptionID, periodStart: periodStart,
            periodEnd: periodEnd, lastCreditRefill: lastCreditRefill, nextCreditRefill: nextCreditRefill, grants: grants)
    }
}
