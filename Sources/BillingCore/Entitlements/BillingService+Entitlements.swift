import BillingProtocol

extension BillingService {
    static let entitlementHandlers: [Handler] = [
        .method(EntitlementsGet.self) { _, db, p in try EntitlementLookup.get(db, user: p.userID) },
    ]
}
