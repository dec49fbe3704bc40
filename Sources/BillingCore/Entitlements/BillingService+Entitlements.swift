import BillingProtocol
import BillingStore

extension BillingService {
    static let entitlementHandlers: [String: Handler] = [
        "entitlements.get": .read { _, db, p in try Entitlements.get(db, user: p.requiredString("user_id")).json },
    ]
}
