import BillingProtocol

/// The stored credit packs (`credit_packs`): which Lemon Squeezy variants grant credits once.
public protocol PackRecords {
    /// Every pack, by variant id.
    func all() throws -> [CreditPack]

    func find(variant: String) throws -> CreditPack?

    /// Creates the pack, or replaces the stored one for the same variant.
    func save(_ pack: CreditPack) throws
}
