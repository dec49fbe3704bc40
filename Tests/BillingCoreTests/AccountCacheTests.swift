import BillingCore
import BillingProtocol
import BillingStore
import Dispatch
import Foundation
import Testing

/// The writer's account cache (`AccountCache`) must never answer from a state the books no longer
/// have. Each test warms it with a consume, then changes the account in a way the cache did not
/// see written (time passing alone, another method, a dry run), and checks the next consume
/// against the books and `verify`.
@Suite struct AccountCacheTests {
    @Test func aGrantThatExpiresWhileCachedIsWrittenOffBeforeTheNextConsume() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 5])
        try h.call("credits.grant", ["user_id": "u", "amount": 10, "expires_at": "2026-01-01T01:00:00Z"])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // from the expiring grant; loads the cache
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // answered from the cache
        h.clock.set(Timestamp(rfc3339: "2026-01-01T02:00:00Z")!)  // time alone: no write, no sweep
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 6])
        let spent = try h.call("credits.consume", ["user_id": "u", "amount": 3])
        #expect(spent["current_credits"] == 2)
        let view = try h.credits("u")
        #expect(view["current_credits"] == 2 && view["total_credits_expired"] == 8 && view["total_credits_used"] == 5)
        try h.verify()
    }

    @Test func aHoldThatTimesOutWhileCachedIsGivenBackBeforeTheNextConsume() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.reserve", ["user_id": "u", "amount": 8, "ttl_ms": 60_000])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // loads the cache: 1 left
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 2])
        h.clock.set(Timestamp(rfc3339: "2026-01-01T00:01:00Z")!)  // the hold times out
        let spent = try h.call("credits.consume", ["user_id": "u", "amount": 9])
        #expect(spent["current_credits"] == 0)
        #expect(try h.credits("u")["reserved_credits"] == 0)
        try h.verify()
    }

    /// A commit that would give credits back into a grant that expired while the hold kept all of
    /// it takes the SQL path, which gives them back and writes them off.
    @Test func aCommitGivingBackIntoAnExpiredGrantWritesThemOff() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-01-01T01:00:00Z"])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // loads the cache: 4 left in the expiring grant
        let held = try h.call("credits.reserve", ["user_id": "u", "amount": 4, "ttl_ms": 10_800_000])  // all of them: 10
        h.clock.set(Timestamp(rfc3339: "2026-01-01T02:00:00Z")!)  // the grant expires, the hold does not
        let committed = try h.call("credits.commit", ["reservation_id": held["reservation_id"]!, "amount": 1])
        #expect(committed["current_credits"] == 10 && committed["released"] == 3)
        let view = try h.credits("u")
        #expect(view["current_credits"] == 10 && view["total_credits_expired"] == 3 && view["total_credits_used"] == 2
            && view["reserved_credits"] == 0)
        try h.verify()
    }

    @Test func otherMethodsAndDryRunsAreSeenByTheNextConsume() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])
        try h.call("credits.grant", ["user_id": "u", "amount": 5])  // another method changes the account
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 1])["current_credits"] == 13)
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 1, "dry_run": true])["current_credits"] == 12)
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 1])["current_credits"] == 12)
        let reserved = try h.call("credits.reserve", ["user_id": "u", "amount": 12])
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 1])
        try h.call("credits.release", ["reservation_id": reserved["reservation_id"]!])
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 12])["current_credits"] == 0)
        try h.verify()
    }

    @Test func aRefusedConsumeLeavesTheCachedAccountAsItWas() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 3])
        try h.call("credits.consume", ["user_id": "u", "amount": 1, "idempotency_key": "k"])
        // The same key with other params is refused after the spend would have been computed.
        h.expectError("idempotency_conflict", "credits.consume", ["user_id": "u", "amount": 2, "idempotency_key": "k"])
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 3])
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 2])["current_credits"] == 0)
        try h.verify()
    }

    /// Embedded store only: the cache serves a daemon that alone writes its database, and the
    /// poisoned unit relies on SQLite's deferred foreign keys.
    @Test(.enabled(if: !Harness.onPostgres)) func aBatchRolledBackAsAWholeForgetsTheConsumesItRan() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // loads the cache: 9
        let writer = h.service.database.writer
        let consumed = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: Result<JSONValue, any Error>?
        let service = h.service
        // Hold the writer so that the next consume and a poisoned unit queue up into one batch.
        h.withWriterHeld {
            DispatchQueue.global().async {
                answer = Result { try service.perform("credits.consume", ["user_id": "u", "amount": 1]) }
                consumed.signal()
            }
            while writer.pending < 1 { usleep(1000) }
            // A unit whose foreign-key violation only COMMIT finds: the whole batch rolls back.
            writer.submit({ session in
                let db = try NotASQLSession.sql(session)
                try db.execute("PRAGMA defer_foreign_keys = ON")
                try db.run("""
                    INSERT INTO credit_ledger (user_id, grant_id, delta, balance_after, kind, reference, created_at)
                    VALUES ('u', 999999, 1, 1, 'grant', NULL, 0)
                    """, [])
            }, completion: { _ in })
        }
        consumed.wait()
        guard case .failure = answer else {
            Issue.record("the consume in the rolled-back batch succeeded: \(String(describing: answer))")
            return
        }
        #expect(try h.balance("u") == 9)
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 1])["current_credits"] == 8)
        try h.verify()
    }
}
