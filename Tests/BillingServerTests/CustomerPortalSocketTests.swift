import BillingProtocol
import Testing

/// Issue 14: Lemon Squeezy's self-service links travel from subscription events to subscription
/// objects, through the real socket; the newest non-stale event wins, and a link that is not
/// `https://` is never stored.
@Suite(.serialized) struct CustomerPortalSocketTests {
    typealias Shop = LemonSqueezyWebhookSocketTests.Shop
    typealias Fixtures = LemonSqueezyFixtures

    static let portal = "https://shop.lemonsqueezy.com/billing?expires=1767225600&signature=def"
    static let payment = "https://shop.lemonsqueezy.com/subscription/1001/payment-details?signature=abc"

    /// The fixture's payload with its portal signature swapped for `signature`.
    static func payload(_ ls: Fixtures.Subscription, _ event: String, portalSignature: String) -> String {
        ls.payload(event).replacingOccurrences(of: "expires=1767225600&signature=def", with: "expires=1767225600&signature=\(portalSignature)")
    }

    @Test func subscriptionObjectsCarryTheNewestPortalLinks() async throws {
        let shop = try await Shop.open()
        var ls = Fixtures.Subscription()
        let created = try shop.deliver(ls.payload("subscription_created"))
        let id = try #require(created["subscription_id"])
        let sub = try shop.subscription(id)
        #expect(sub["customer_portal_url"] == .string(Self.portal))
        #expect(sub["update_payment_method_url"] == .string(Self.payment))
        #expect(try shop.current()["customer_portal_url"] == .string(Self.portal))
        let listed = try shop.c.call("subscriptions.list", ["user_id": "u1"])["subscriptions"]?.arrayValue?.first
        #expect(listed?["customer_portal_url"] == .string(Self.portal))

        // A newer event brings freshly signed links, even when nothing else changed.
        ls.updatedAt = Fixtures.time(seconds: 60)
        _ = try shop.deliver(Self.payload(ls, "subscription_updated", portalSignature: "fresh"))
        let fresh = Self.portal.replacingOccurrences(of: "signature=def", with: "signature=fresh")
        #expect(try shop.subscription(id)["customer_portal_url"] == .string(fresh))

        // A stale event does not roll the links back.
        ls.updatedAt = Fixtures.time(seconds: 30)
        #expect(try shop.deliver(Self.payload(ls, "subscription_updated", portalSignature: "old"))["outcome"] == "ignored_stale")
        #expect(try shop.subscription(id)["customer_portal_url"] == .string(fresh))

        // A link that is not https is ignored; the last good one stays.
        ls.updatedAt = Fixtures.time(seconds: 90)
        let insecure = ls.payload("subscription_updated").replacingOccurrences(of: "https://shop.lemonsqueezy.com/billing", with: "http://evil.example/billing")
        _ = try shop.deliver(insecure)
        #expect(try shop.subscription(id)["customer_portal_url"] == .string(fresh))
        try await shop.close()
    }

    @Test func subscriptionsMadeHereHaveNoPortalLinks() async throws {
        let shop = try await Shop.open()
        let made = try shop.c.call("subscriptions.create", ["user_id": "u9", "plan_id": "basic"])
        #expect(made["subscription"]?["customer_portal_url"] == .null)
        #expect(made["subscription"]?["update_payment_method_url"] == .null)
        try await shop.close()
    }
}
