@testable import BillingCore
import BillingProtocol
import Crypto
import Foundation
import Testing

/// The pieces of `webhooks.lemonsqueezy` that need no socket: the signature check, the status
/// mapping, payload parsing and the outcome list the catalog documents.
@Suite struct LemonSqueezyWebhookTests {
    static func hmac(_ payload: String, _ secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test func signaturesVerifyOnlyForTheExactBodyAndSecret() throws {
        let secret = try #require(LemonSqueezySecret("s3cret-value"))
        let body = #"{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1"}}"#
        let good = Self.hmac(body, "s3cret-value")
        #expect(secret.verifies(body, signature: good))
        #expect(secret.verifies(body, signature: good.uppercased()))
        for bad in [nil, "", "00", String(good.dropLast()), good + "00", String(good.dropLast(2)) + "zz", Self.hmac(body, "other")] as [String?] {
            #expect(!secret.verifies(body, signature: bad), "\(bad ?? "nil")")
        }
        #expect(!secret.verifies(body + "\n", signature: good))
        #expect(LemonSqueezySecret("") == nil)
        // Printing the secret never shows it.
        #expect(!"\(secret)".contains("s3cret") && !String(reflecting: secret).contains("s3cret"))
    }

    @Test func aSecretFileLosesOnlyItsTrailingNewline() {
        #expect(LemonSqueezySecret.secret(fromFileContents: "abc\n") == "abc")
        #expect(LemonSqueezySecret.secret(fromFileContents: "abc\r\n") == "abc")
        #expect(LemonSqueezySecret.secret(fromFileContents: " a b \n\n") == " a b ")
        #expect(LemonSqueezySecret.secret(fromFileContents: "\n") == "")
    }

    @Test(arguments: [
        ("on_trial", LemonSqueezyStatus.live(.trialing)), ("active", .live(.active)), ("paused", .live(.paused)),
        ("past_due", .live(.pastDue)), ("unpaid", .live(.pastDue)), ("cancelled", .cancelled), ("expired", .expired),
    ])
    func statusesMapOntoOurs(_ theirs: String, _ ours: LemonSqueezyStatus) {
        #expect(LemonSqueezyStatus(theirs) == ours)
    }

    @Test func unknownStatusesAreNotGuessed() {
        #expect(LemonSqueezyStatus("on_hold") == nil && LemonSqueezyStatus("") == nil)
    }

    @Test func onlyOutcomesThatCanChangeAreLookedAtAgain() {
        // Only outcomes that can change with configuration or later events are looked at again.
        let retried = WebhookOutcome.allCases.filter { !$0.isSettled }.map(\.rawValue)
        #expect(retried == ["duplicate", "unknown_user", "unknown_plan", "unknown_subscription", "unknown_variant", "unknown_payment",
                            "user_mismatch", "live_subscription_exists"])
    }

    @Test func payloadsAreReadExactly() throws {
        let body = #"{"meta":{"event_name":"order_created","custom_data":{"user_id":42}},"data":{"type":"orders","id":7,"#
            + #""attributes":{"total":1999,"currency":"eur","variant_id":101,"created_at":"2026-01-02T03:04:05.678901Z","refunded":false}}}"#
        let event = try LemonSqueezyEvent(payload: body)
        #expect(event.name == "order_created" && event.objectType == "orders" && event.objectID == "7")
        #expect(event.customUserID == "42" && event.text("variant_id") == "101" && event.integer("total") == 1999)
        #expect(event.currency == "EUR" && event.bool("refunded") == false)
        #expect(event.time("created_at") == Timestamp(rfc3339: "2026-01-02T03:04:05.678Z"))
        #expect(event.deliveryKey == SHA256.hash(data: Data(body.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
        for bad in ["", "[]", "{}", #"{"meta":{"event_name":""},"data":{"type":"orders","id":"1"}}"#,
                    #"{"meta":{"event_name":"x"},"data":{"type":"orders"}}"#, #"{"meta":{"event_name":"x"},"data":{"id":"1"}}"#] {
            #expect(throws: BillingError.self) { try LemonSqueezyEvent(payload: bad) }
        }
    }

    @Test func withoutASecretTheMethodIsUnavailable() throws {
        let h = try Harness()
        h.expectError("unavailable", "webhooks.lemonsqueezy", ["payload": "{}", "signature": "00"])
    }
}
