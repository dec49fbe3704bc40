import BillingClient
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// `webhooks.lemonsqueezy` through the real socket: every event, signatures, redelivery,
/// out-of-order events, refunds, credit packs and unknown users, plans and variants.
@Suite(.serialized) struct LemonSqueezyWebhookSocketTests {
    typealias Fixtures = LemonSqueezyFixtures
    typealias LSSubscription = LemonSqueezyFixtures.Subscription
    typealias LSInvoice = LemonSqueezyFixtures.Invoice
    typealias LSOrder = LemonSqueezyFixtures.Order

    /// A daemon with webhooks on: basic is variant 101, pro 102, and variant 201 is a 500-credit pack.
    struct Shop {
        let daemon: TestDaemon
        let c: SocketConnection

        static func open(secret: String? = Fixtures.secret) async throws -> Shop {
            var options = TestDaemon.Options()
            options.lemonSqueezySecret = secret
            let daemon = try await TestDaemon.start(options)
            let c = try daemon.connect()
            _ = try c.call("plans.upsert", ["id": "basic", "name": "Basic", "price": "9.99", "lemon_squeezy_variant_id": "101"])
            _ = try c.call("plans.upsert", ["id": "pro", "name": "Pro", "price": "29.99", "lemon_squeezy_variant_id": "102"])
            _ = try c.call("packs.upsert", ["variant_id": "201", "credits": 500, "name": "500 credits"])
            return Shop(daemon: daemon, c: c)
        }

        @discardableResult
        func deliver(_ payload: String, signature: String? = nil) throws -> JSONValue {
            try c.call("webhooks.lemonsqueezy", ["payload": .string(payload), "signature": .string(signature ?? Fixtures.sign(payload))])
        }

        func refused(_ params: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) -> RPCError? {
            do {
                let result = try c.call("webhooks.lemonsqueezy", params)
                Issue.record("accepted: \(result.serialized())", sourceLocation: sourceLocation)
                return nil
            } catch let error as RPCError {
                return error
            } catch {
                Issue.record("failed with \(error)", sourceLocation: sourceLocation)
                return nil
            }
        }

        func credits(_ user: String = "u1") throws -> JSONValue { try c.call("credits.get", ["user_id": .string(user)]) }
        func balance(_ user: String = "u1") throws -> Int64? { try credits(user)["current_credits"]?.int64Value }
        func current(_ user: String = "u1") throws -> JSONValue { try c.call("subscriptions.current", ["user_id": .string(user)]) }
        func subscription(_ id: JSONValue?) throws -> JSONValue { try c.call("subscriptions.get", ["subscription_id": id ?? .null]) }
        func payment(_ id: JSONValue?) throws -> JSONValue { try c.call("payments.get", ["payment_id": id ?? .null]) }
        func advance(days: Int64 = 0, hours: Int64 = 0) throws {
            _ = try c.call("system.clock.advance", ["ms": .int(days * 86_400_000 + hours * 3_600_000)])
        }

        /// Rows of `webhook_events`, read below the wire on the daemon's own store (either kind),
        /// in the order they were received (ids are made in time and counter order).
        func events() throws -> [Row] {
            try daemon.service.database.readers.performSQL { db in try db.query("SELECT * FROM webhook_events ORDER BY received_at, id", []) }
        }

        /// Everything a webhook could change, for "nothing changed" checks.
        func snapshot(users: [String] = ["u1"]) throws -> JSONValue {
            var parts: JSONObject = [
                "subscriptions": try c.call("subscriptions.list", [:]), "payments": try c.call("payments.list", [:]),
                "events": .int(try events().count),
            ]
            for user in users { parts[user] = (try? credits(user)) ?? .null }
            return .object(parts)
        }

        func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let report = try c.call("system.verify")
            #expect(report["ok"] == true, "\(report["problems"]?.serialized() ?? "")", sourceLocation: sourceLocation)
        }

        func close() async throws { try await daemon.stop() }
    }

    @Test func withoutASecretTheMethodIsUnavailable() async throws {
        let shop = try await Shop.open(secret: nil)
        let payload = LSSubscription().payload("subscription_created")
        let error = shop.refused(["payload": .string(payload), "signature": .string(Fixtures.sign(payload))])
        #expect(error?.code == .unavailable && error?.code.type == "unavailable")
        #expect(try shop.events().isEmpty)
        #expect(try shop.c.call("subscriptions.list", [:])["subscriptions"] == [])
        try await shop.close()
    }

    @Test func aBadOrMissingSignatureIs1008AndChangesNothing() async throws {
        let shop = try await Shop.open()
        let payload = LSSubscription().payload("subscription_created")
        let good = Fixtures.sign(payload)
        let before = try shop.snapshot()
        let tampered = payload.replacingOccurrences(of: "\"variant_id\":101", with: "\"variant_id\":102")
        #expect(tampered != payload)
        let attempts: [JSONObject] = [
            ["payload": .string(payload), "signature": .string(Fixtures.sign(payload, secret: "another-secret"))],
            ["payload": .string(tampered), "signature": .string(good)],
            ["payload": .string(payload + " "), "signature": .string(good)],
            ["payload": .string(payload)],
            ["payload": .string(payload), "signature": ""],
            ["payload": .string(payload), "signature": .string(String(good.dropLast(2)))],
            ["payload": .string(payload), "signature": .string(String(good.dropLast()) + "g")],
            ["payload": .string(payload), "signature": .string("sha256=" + good)],
            // A body that is no webhook at all, under a signature that is not its own: the
            // signature is checked first, even though the body was parsed before.
            ["payload": "not json", "signature": .string(good)],
            ["payload": "not json"],
        ]
        for params in attempts {
            let error = shop.refused(params)
            #expect(error?.code == .signatureInvalid && error?.code.code == 1008, "\(params)")
        }
        #expect(try shop.snapshot() == before)
        #expect(try shop.events().isEmpty)
        // The real signature, in either hex case, is accepted.
        #expect(try shop.deliver(payload, signature: good.uppercased())["outcome"] == "applied")
        try await shop.close()
    }

    @Test func everySubscriptionAndPaymentEventDrivesTheSubscription() async throws {
        let shop = try await Shop.open()
        var ls = LSSubscription()
        let created = try shop.deliver(ls.payload("subscription_created"))
        #expect(created["applied"] == true && created["outcome"] == "applied" && created["event_name"] == "subscription_created")
        let id = try #require(created["subscription_id"])
        var sub = try shop.current()
        #expect(sub["id"] == id && sub["plan_id"] == "basic" && sub["status"] == "active")
        #expect(sub["lemon_squeezy_subscription_id"] == "1001" && sub["lemon_squeezy_customer_id"] == "5001")
        #expect(sub["current_period_end"] == "2026-02-01T00:00:00.000Z")
        #expect(try shop.balance() == 100)
        _ = try shop.c.call("credits.consume", ["user_id": "u1", "amount": 10])

        // The initial invoice pays for the period the subscription already started: recorded, no new credits.
        let paid = try shop.deliver(LSInvoice().payload("subscription_payment_success"))
        #expect(paid["outcome"] == "applied" && paid["subscription_id"] == id)
        let payment = try shop.payment(paid["payment_id"])
        #expect(payment["amount"] == "9.99" && payment["currency"] == "USD" && payment["status"] == "completed")
        #expect(payment["lemon_squeezy_order_id"] == "invoice:3001" && payment["subscription_id"] == id && payment["plan_id"] == "basic")
        #expect(payment["lemon_squeezy_subscription_id"] == "1001" && payment["credits_awarded"] == 0)
        #expect(try shop.balance() == 90)

        // subscription_updated with another variant: a new period on pro.
        ls.variantID = 102
        ls.updatedAt = Fixtures.time(seconds: 60)
        #expect(try shop.deliver(ls.payload("subscription_updated"))["outcome"] == "applied")
        #expect(try shop.current()["plan_id"] == "pro")
        #expect(try shop.balance() == 1000)

        ls.status = "paused"
        ls.pause = ["mode": "void", "resumes_at": nil]
        ls.updatedAt = Fixtures.time(seconds: 120)
        #expect(try shop.deliver(ls.payload("subscription_paused"))["outcome"] == "applied")
        #expect(try shop.current()["status"] == "paused")
        #expect(throws: RPCError.self) { try shop.c.call("credits.consume", ["user_id": "u1", "amount": 1]) }

        ls.status = "active"
        ls.pause = .null
        ls.updatedAt = Fixtures.time(seconds: 180)
        #expect(try shop.deliver(ls.payload("subscription_unpaused"))["outcome"] == "applied")
        sub = try shop.current()
        #expect(sub["status"] == "active" && sub["paused_at"] == .null)

        ls.status = "cancelled"
        ls.cancelled = true
        ls.endsAt = Fixtures.time(days: 31)
        ls.renewsAt = nil
        ls.updatedAt = Fixtures.time(seconds: 240)
        #expect(try shop.deliver(ls.payload("subscription_cancelled"))["outcome"] == "applied")
        sub = try shop.current()
        #expect(sub["status"] == "active" && sub["cancel_at_period_end"] == true && sub["cancelled_at"] != .null)

        ls.status = "active"
        ls.cancelled = false
        ls.endsAt = nil
        ls.renewsAt = Fixtures.time(days: 31)
        ls.updatedAt = Fixtures.time(seconds: 300)
        #expect(try shop.deliver(ls.payload("subscription_resumed"))["outcome"] == "applied")
        sub = try shop.current()
        #expect(sub["cancel_at_period_end"] == false && sub["cancelled_at"] == .null)

        // The period ends unpaid: the daemon moves it to past_due; the renewal fails, then is recovered.
        try shop.advance(days: 31, hours: 1)
        #expect(try shop.current()["status"] == "past_due")
        var renewal = LSInvoice(id: "3002", billingReason: "renewal", status: "pending", total: 2999,
                                createdAt: Fixtures.time(days: 31, seconds: 3600), updatedAt: Fixtures.time(days: 31, seconds: 3600))
        let failed = try shop.deliver(renewal.payload("subscription_payment_failed"))
        #expect(failed["outcome"] == "applied")
        let failedPayment = try shop.payment(failed["payment_id"])
        #expect(failedPayment["status"] == "failed" && failedPayment["lemon_squeezy_order_id"] == "invoice:3002:failed")
        #expect(failedPayment["amount"] == "29.99")
        ls.status = "past_due"
        ls.updatedAt = Fixtures.time(days: 31, seconds: 3601)
        let pastDue = try shop.deliver(ls.payload("subscription_updated"))
        #expect(pastDue["outcome"] == "already_applied" && pastDue["applied"] == false)
        #expect(try shop.balance() == 0)

        renewal.status = "paid"
        renewal.updatedAt = Fixtures.time(days: 33)
        try shop.advance(days: 2)
        let recovered = try shop.deliver(renewal.payload("subscription_payment_recovered"))
        #expect(recovered["outcome"] == "applied" && recovered["subscription_id"] == id)
        sub = try shop.current()
        #expect(sub["status"] == "active" && sub["current_period_start"] == "2026-02-03T01:00:00.000Z")
        #expect(try shop.balance() == 1000)
        // payment_success always comes with payment_recovered: the same invoice, recorded once.
        let success = try shop.deliver(renewal.payload("subscription_payment_success"))
        #expect(success["outcome"] == "already_applied" && success["applied"] == false && success["payment_id"] == recovered["payment_id"])
        #expect(try shop.balance() == 1000)

        ls.status = "expired"
        ls.endsAt = Fixtures.time(days: 34)
        ls.updatedAt = Fixtures.time(days: 34)
        try shop.advance(days: 1)
        #expect(try shop.deliver(ls.payload("subscription_expired"))["outcome"] == "applied")
        sub = try shop.subscription(id)
        #expect(sub["status"] == "expired" && sub["ended_at"] != .null)
        #expect(try shop.balance() == 0)
        #expect(throws: RPCError.self) { try shop.current() }
        let payments = try shop.c.call("payments.list", ["user_id": "u1"])["payments"]?.arrayValue ?? []
        #expect(payments.map { $0["status"] } == ["completed", "failed", "completed"])
        #expect(try shop.events().map { $0.string("outcome") } == [
            "applied", "applied", "applied", "applied", "applied", "applied", "applied", "applied", "already_applied", "applied",
            "already_applied", "applied",
        ])
        try shop.verify()
        try await shop.close()
    }

    @Test func aRenewalPaymentStartsTheNextPeriodWithFreshCredits() async throws {
        let shop = try await Shop.open()
        let id = try shop.deliver(LSSubscription().payload("subscription_created"))["subscription_id"]
        _ = try shop.c.call("credits.consume", ["user_id": "u1", "amount": 30])
        try shop.advance(days: 31)
        #expect(try shop.current()["status"] == "past_due")
        #expect(try shop.balance() == 0)
        let invoice = LSInvoice(id: "3002", billingReason: "renewal", createdAt: Fixtures.time(days: 31), updatedAt: Fixtures.time(days: 31))
        let result = try shop.deliver(invoice.payload("subscription_payment_success"))
        #expect(result["outcome"] == "applied" && result["subscription_id"] == id)
        let sub = try shop.current()
        #expect(sub["status"] == "active" && sub["current_period_end"] == "2026-03-01T00:00:00.000Z")
        let credits = try shop.credits()
        #expect(credits["current_credits"] == 100 && credits["credits_used_this_period"] == 0 && credits["total_credits_expired"] == 70)
        #expect(try shop.payment(result["payment_id"])["amount"] == "9.99")
        // An old invoice (billed before this period started) is recorded but starts nothing.
        let old = LSInvoice(id: "2999", billingReason: "renewal", createdAt: Fixtures.time(days: -1), updatedAt: Fixtures.time(days: -1))
        let late = try shop.deliver(old.payload("subscription_payment_success"))
        #expect(late["outcome"] == "applied")
        #expect(try shop.current()["current_period_start"] == sub["current_period_start"])
        #expect(try shop.balance() == 100)
        try shop.verify()
        try await shop.close()
    }

    @Test func aTrialEndsWithItsFirstCharge() async throws {
        let shop = try await Shop.open()
        var ls = LSSubscription(status: "on_trial", renewsAt: Fixtures.time(days: 14), trialEndsAt: Fixtures.time(days: 14))
        _ = try shop.deliver(ls.payload("subscription_created"))
        var sub = try shop.current()
        #expect(sub["status"] == "trialing" && sub["trial_end"] == "2026-01-15T00:00:00.000Z" && sub["current_period_end"] == "2026-01-15T00:00:00.000Z")
        #expect(try shop.balance() == 100)
        try shop.advance(days: 14)
        let charge = LSInvoice(id: "3005", billingReason: "initial", createdAt: Fixtures.time(days: 14), updatedAt: Fixtures.time(days: 14))
        #expect(try shop.deliver(charge.payload("subscription_payment_success"))["outcome"] == "applied")
        ls.status = "active"
        ls.renewsAt = Fixtures.time(days: 45)
        ls.updatedAt = Fixtures.time(days: 14)
        _ = try shop.deliver(ls.payload("subscription_updated"))
        sub = try shop.current()
        #expect(sub["status"] == "active" && sub["current_period_start"] == "2026-01-15T00:00:00.000Z")
        #expect(try shop.balance() == 100)
        try shop.verify()
        try await shop.close()
    }

    @Test func aRedeliveryIsADuplicateAndChangesNothing() async throws {
        let shop = try await Shop.open()
        let created = LSSubscription().payload("subscription_created")
        let first = try shop.deliver(created)
        _ = try shop.c.call("credits.consume", ["user_id": "u1", "amount": 5])
        let invoice = LSInvoice().payload("subscription_payment_success")
        let order = LSOrder().payload("order_created")
        try shop.deliver(invoice)
        try shop.deliver(order)
        let before = try shop.snapshot()
        for payload in [created, invoice, order, created] {
            let again = try shop.deliver(payload)
            #expect(again["applied"] == false && again["outcome"] == "duplicate")
        }
        let again = try shop.deliver(created)
        #expect(again["subscription_id"] == first["subscription_id"] && again["event_id"] != first["event_id"])
        var after = try #require(try shop.snapshot().objectValue)
        after["events"] = before["events"]
        #expect(JSONValue.object(after) == before)
        #expect(try shop.balance() == 595)
        #expect(try shop.events().count == 8)
        #expect(try shop.events().filter { $0.string("outcome") == "duplicate" }.allSatisfy { !$0.bool("applied") && !$0.bool("settled") })
        try shop.verify()
        try await shop.close()
    }

    @Test func subscriptionUpdatedBeforeCreatedNeverRollsBack() async throws {
        let shop = try await Shop.open()
        let created = LSSubscription()
        var updated = created
        updated.variantID = 102
        updated.updatedAt = Fixtures.time(seconds: 60)
        let first = try shop.deliver(updated.payload("subscription_updated"))
        #expect(first["outcome"] == "applied")
        #expect(try shop.current()["plan_id"] == "pro")
        #expect(try shop.balance() == 1000)
        let late = try shop.deliver(created.payload("subscription_created"))
        #expect(late["outcome"] == "ignored_stale" && late["applied"] == false && late["subscription_id"] == first["subscription_id"])
        #expect(try shop.current()["plan_id"] == "pro")
        #expect(try shop.balance() == 1000)
        // Cancelled at t+120, then an update from t+90 arrives late: still cancelling.
        var cancelled = updated
        cancelled.status = "cancelled"
        cancelled.cancelled = true
        cancelled.endsAt = Fixtures.time(days: 31)
        cancelled.updatedAt = Fixtures.time(seconds: 120)
        #expect(try shop.deliver(cancelled.payload("subscription_cancelled"))["outcome"] == "applied")
        var stale = updated
        stale.updatedAt = Fixtures.time(seconds: 90)
        #expect(try shop.deliver(stale.payload("subscription_updated"))["outcome"] == "ignored_stale")
        #expect(try shop.current()["cancel_at_period_end"] == true)
        // At ends_at the daemon ends it as cancelled; a late expired changes nothing more.
        try shop.advance(days: 31)
        #expect(try shop.subscription(first["subscription_id"])["status"] == "cancelled")
        var expired = cancelled
        expired.status = "expired"
        expired.updatedAt = Fixtures.time(days: 31)
        #expect(try shop.deliver(expired.payload("subscription_expired"))["outcome"] == "already_applied")
        // An ended subscription is not brought back by a later live state.
        var resumed = updated
        resumed.updatedAt = Fixtures.time(days: 32)
        #expect(try shop.deliver(resumed.payload("subscription_resumed"))["outcome"] == "ignored_ended")
        #expect(try shop.subscription(first["subscription_id"])["status"] == "cancelled")
        try shop.verify()
        try await shop.close()
    }

    @Test func paymentSuccessBeforeSubscriptionCreatedEndsUpCorrect() async throws {
        let shop = try await Shop.open()
        let paid = try shop.deliver(LSInvoice().payload("subscription_payment_success"))
        #expect(paid["outcome"] == "applied" && paid["subscription_id"] == .null)
        var payment = try shop.payment(paid["payment_id"])
        #expect(payment["subscription_id"] == .null && payment["lemon_squeezy_subscription_id"] == "1001" && payment["user_id"] == "u1")
        #expect(throws: RPCError.self) { try shop.current() }
        let created = try shop.deliver(LSSubscription().payload("subscription_created"))
        #expect(created["outcome"] == "applied")
        #expect(created["detail"]?.stringValue?.contains("linked 1 payment") == true)
        payment = try shop.payment(paid["payment_id"])
        #expect(payment["subscription_id"] == created["subscription_id"] && payment["plan_id"] == "basic")
        #expect(try shop.current()["status"] == "active")
        #expect(try shop.balance() == 100)
        // The same invoice again is a duplicate; no second period.
        #expect(try shop.deliver(LSInvoice().payload("subscription_payment_success"))["outcome"] == "duplicate")
        #expect(try shop.balance() == 100)
        // Without a user, an invoice of an unknown subscription cannot be recorded: it says so, every time.
        let orphan = LSInvoice(id: "3100", user: nil, subscriptionID: 4242).payload("subscription_payment_success")
        #expect(try shop.deliver(orphan)["outcome"] == "unknown_subscription")
        #expect(try shop.deliver(orphan)["outcome"] == "unknown_subscription")
        #expect(try shop.c.call("payments.list", [:])["payments"]?.arrayValue?.count == 1)
        try shop.verify()
        try await shop.close()
    }

    @Test func aRefundAfterCreditsWerePartlySpentTakesBackWhatIsLeft() async throws {
        let shop = try await Shop.open()
        let order = LSOrder(quantity: 2, total: 3800)
        let bought = try shop.deliver(order.payload("order_created"))
        #expect(bought["outcome"] == "applied")
        let payment = try shop.payment(bought["payment_id"])
        #expect(payment["amount"] == "38.00" && payment["credits_awarded"] == 1000 && payment["transaction_type"] == "credit_pack")
        #expect(payment["lemon_squeezy_order_id"] == "9001" && payment["status"] == "completed")
        #expect(try shop.balance() == 1000)
        _ = try shop.c.call("credits.consume", ["user_id": "u1", "amount": 350])
        var refund = order
        refund.status = "refunded"
        refund.refunded = true
        refund.refundedAmount = 3800
        refund.updatedAt = Fixtures.time(days: 1)
        let refunded = try shop.deliver(refund.payload("order_refunded"))
        #expect(refunded["outcome"] == "applied" && refunded["payment_id"] == bought["payment_id"])
        #expect(try shop.payment(bought["payment_id"])["status"] == "refunded")
        let credits = try shop.credits()
        #expect(credits["current_credits"] == 0 && credits["total_credits_revoked"] == 650 && credits["total_credits_used"] == 350)
        #expect(try shop.deliver(refund.payload("order_refunded"))["outcome"] == "duplicate")
        refund.updatedAt = Fixtures.time(days: 2)
        #expect(try shop.deliver(refund.payload("order_refunded"))["outcome"] == "already_applied")
        // A partial refund takes nothing back.
        let second = LSOrder(id: "9002")
        _ = try shop.deliver(second.payload("order_created"))
        var partial = second
        partial.status = "partial_refund"
        partial.refundedAmount = 500
        partial.updatedAt = Fixtures.time(days: 1)
        #expect(try shop.deliver(partial.payload("order_refunded"))["outcome"] == "ignored_partial_refund")
        #expect(try shop.balance() == 500)
        try shop.verify()
        try await shop.close()
    }

    @Test func aRefundThatArrivesBeforeItsOrderStillWins() async throws {
        let shop = try await Shop.open()
        var refund = LSOrder(status: "refunded", refunded: true, refundedAmount: 1900)
        refund.updatedAt = Fixtures.time(seconds: 30)
        #expect(try shop.deliver(refund.payload("order_refunded"))["outcome"] == "unknown_payment")
        let created = try shop.deliver(LSOrder().payload("order_created"))
        #expect(created["outcome"] == "applied")
        #expect(try shop.payment(created["payment_id"])["status"] == "refunded")
        let credits = try shop.credits()
        #expect(credits["current_credits"] == 0 && credits["total_credits_purchased"] == 500 && credits["total_credits_revoked"] == 500)
        try shop.verify()
        try await shop.close()
    }

    @Test func aPaymentWhoseIdsTheWireWouldRefuseIsAnInvalidPayloadThatStoresNothing() async throws {
        let shop = try await Shop.open()
        let before = try shop.snapshot()
        // The invoice's payment would be recorded as lemon_squeezy_order_id "invoice:<id>": 308 bytes.
        let result = try shop.deliver(LSInvoice(id: String(repeating: "9", count: 300)).payload("subscription_payment_success"))
        #expect(result["outcome"] == "invalid_payload" && result["applied"] == false && result["payment_id"] == .null)
        #expect(result["detail"]?.stringValue?.contains("'lemon_squeezy_order_id'") == true, "\(result.serialized())")
        var after = try shop.snapshot().objectValue!
        #expect(after["events"] == .int(1))
        after["events"] = before["events"]
        #expect(JSONValue.object(after) == before)
        // The same invoice with an id the wire takes is recorded for the user (its subscription comes later).
        let fine = try shop.deliver(LSInvoice(id: "3002").payload("subscription_payment_success"))
        #expect(fine["outcome"] == "applied" && fine["payment_id"] != .null)
        #expect(try shop.payment(fine["payment_id"])["lemon_squeezy_order_id"] == "invoice:3002")
        try shop.verify()
        try await shop.close()
    }

    @Test func unknownUsersPlansVariantsAndPaymentsAreRecordedNotDropped() async throws {
        let shop = try await Shop.open()
        let before = try shop.snapshot(users: ["u1", "u9"])
        let outcomes: [(String, String)] = [
            (LSSubscription(user: nil).payload("subscription_created"), "unknown_user"),
            (LSSubscription(id: "1002", user: String(repeating: "x", count: 300)).payload("subscription_created"), "unknown_user"),
            (LSSubscription(id: "1003", user: "u9", variantID: 999).payload("subscription_created"), "unknown_plan"),
            (LSOrder(id: "9003", variantID: 555).payload("order_created"), "unknown_variant"),
            (LSOrder(id: "9004", variantID: 101).payload("order_created"), "ignored_subscription_order"),
            (LSOrder(id: "9005", user: nil).payload("order_created"), "unknown_user"),
            (LSOrder(id: "9006", status: "refunded", refunded: true).payload("order_refunded"), "unknown_payment"),
            (LSOrder(id: "9007", status: "pending").payload("order_created"), "ignored_unpaid_order"),
            (Fixtures.body("license_key_created", user: "u1", type: "license-keys", id: "77", attributes: ["key": "ABC"], relationships: []),
             "ignored_unhandled_event"),
            (Fixtures.body("subscription_updated", user: "u1", type: "orders", id: "78", attributes: [:], relationships: []),
             "invalid_payload"),
        ]
        for (payload, outcome) in outcomes {
            let result = try shop.deliver(payload)
            #expect(result["outcome"]?.stringValue == outcome && result["applied"] == false, "\(outcome): \(result.serialized())")
            #expect(result["detail"]?.stringValue?.isEmpty == false)
        }
        var after = try shop.snapshot(users: ["u1", "u9"]).objectValue!
        #expect(after["events"] == .int(outcomes.count))
        after["events"] = before["events"]
        #expect(JSONValue.object(after) == before)
        // Once the operator maps the variant, Lemon Squeezy's resend of the same body applies.
        _ = try shop.c.call("plans.upsert", ["id": "enterprise", "name": "Enterprise", "price": "99.99", "lemon_squeezy_variant_id": "999"])
        let resent = try shop.deliver(outcomes[2].0)
        #expect(resent["outcome"] == "applied")
        #expect(try shop.current("u9")["plan_id"] == "enterprise")
        // A subscription event naming another user than the subscription's is refused as a result.
        var other = LSSubscription(id: "1003", user: "u10", variantID: 999)
        other.updatedAt = Fixtures.time(seconds: 5)
        #expect(try shop.deliver(other.payload("subscription_updated"))["outcome"] == "user_mismatch")
        // A body that is no webhook at all is an invalid_params error (and is not stored).
        let garbage = "{\"meta\":{}}"
        let error = shop.refused(["payload": .string(garbage), "signature": .string(Fixtures.sign(garbage))])
        #expect(error?.code == .invalidParams && error?.details["field"] == "payload")
        try shop.verify()
        try await shop.close()
    }

    @Test func aLemonSqueezySubscriptionReplacesALocalOneButNotAnotherLemonSqueezyOne() async throws {
        let shop = try await Shop.open()
        let free = try shop.c.call("subscriptions.create", ["user_id": "u1", "plan_id": "free"])["subscription"]
        #expect(try shop.balance() == 10)
        let created = try shop.deliver(LSSubscription().payload("subscription_created"))
        #expect(created["outcome"] == "applied" && created["detail"]?.stringValue?.contains("replaced") == true)
        #expect(try shop.subscription(free?["id"])["status"] == "cancelled")
        #expect(try shop.current()["plan_id"] == "basic")
        #expect(try shop.balance() == 100)
        let second = try shop.deliver(LSSubscription(id: "1002", variantID: 102).payload("subscription_created"))
        #expect(second["outcome"] == "live_subscription_exists" && second["subscription_id"] == created["subscription_id"])
        #expect(try shop.current()["plan_id"] == "basic")
        try shop.verify()
        try await shop.close()
    }

    @Test func packsAndPlansNeverShareAVariant() async throws {
        let shop = try await Shop.open()
        #expect(try shop.c.call("packs.list")["packs"]?.arrayValue?.map { $0["variant_id"] } == ["201"])
        let updated = try shop.c.call("packs.upsert", ["variant_id": "201", "credits": 600])
        #expect(updated["credits"] == 600 && updated["name"] == "500 credits")
        for (method, params) in [("packs.upsert", ["variant_id": "101", "credits": 5]),
                                 ("plans.upsert", ["id": "team", "name": "Team", "price": 1, "lemon_squeezy_variant_id": "201"])]
            as [(String, JSONObject)]
        {
            do {
                _ = try shop.c.call(method, params)
                Issue.record("\(method) shared a variant")
            } catch let error as RPCError {
                #expect(error.code == .alreadyExists)
            }
        }
        #expect(throws: RPCError.self) { try shop.c.call("packs.upsert", ["variant_id": "202", "credits": 0]) }
        try await shop.close()
    }
}
