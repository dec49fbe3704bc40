import BillingProtocol

extension CreditBalance {
    /// This view after a consume (or, `holding`, a reservation) of `amount` took `pieces` from its
    /// grants, or nil when the pieces do not match the view's grants (then the view is dropped,
    /// never guessed). A consume counts as used; a hold counts as reserved.
    func spending(_ amount: Int64, _ pieces: [AccountCache.Piece], holding: Bool = false) -> CreditBalance? {
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
            userID: userID, currentCredits: currentCredits - amount, reservedCredits: reservedCredits + (holding ? amount : 0),
            totalCreditsPurchased: totalCreditsPurchased, totalCreditsUsed: totalCreditsUsed + (holding ? 0 : amount),
            totalCreditsExpired: totalCreditsExpired, totalCreditsRevoked: totalCreditsRevoked,
            creditsUsedThisPeriod: creditsUsedThisPeriod + (holding ? 0 : amount), subscriptionID: subscriptionID, periodStart: periodStart,
            periodEnd: periodEnd, lastCreditRefill: lastCreditRefill, nextCreditRefill: nextCreditRefill, grants: grants)
    }
}

extension CreditBalance {
    /// This view after a hold of `amount` ended with `spent` of it used and `givenBack` returned to
    /// its grants, or nil when a returned piece's grant is not in the view (then the view is
    /// dropped, never guessed).
    func endingHold(_ amount: Int64, spent: Int64, givenBack: [AccountCache.Piece]) -> CreditBalance? {
        var grants = self.grants
        for piece in givenBack {
            guard let index = grants.firstIndex(where: { $0.grantID == String(piece.grantID) }),
                  grants[index].remaining + piece.amount == piece.remaining
            else { return nil }
            let grant = grants[index]
            grants[index] = Grant(grantID: grant.grantID, source: grant.source, amount: grant.amount, remaining: piece.remaining,
                                  expiresAt: grant.expiresAt)
        }
        return CreditBalance(
            userID: userID, currentCredits: currentCredits + (amount - spent), reservedCredits: reservedCredits - amount,
            totalCreditsPurchased: totalCreditsPurchased, totalCreditsUsed: totalCreditsUsed + spent,
            totalCreditsExpired: totalCreditsExpired, totalCreditsRevoked: totalCreditsRevoked,
            creditsUsedThisPeriod: creditsUsedThisPeriod + spent, subscriptionID: subscriptionID, periodStart: periodStart,
            periodEnd: periodEnd, lastCreditRefill: lastCreditRefill, nextCreditRefill: nextCreditRefill, grants: grants)
    }
}
