@testable import BillingCore
import BillingProtocol
import BillingStore
import Foundation
import Testing

/// `credits.get` answered from durable memory (`BalanceSnapshots`) must equal what a reader
/// computes from the books at the same instant, after every kind of change: fast consumes, every
/// write on the SQL path, time passing over an expiry, scheduler passes, and a fast consume that
/// shares its batch with a write on the SQL path. Embedded store only: PostgreSQL keeps no
/// snapshots (other daemons write too).
@Suite(.enabled(if: !Harness.onPostgres, "snapshots exist only where this daemon is the single writer"))
struct BalanceSnapshotsTests {
    /// The answer `credits.get` gives equals a reader's `Balance.get` at the same instant.
    static func expectBooks(_ h: Harness, _ user: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let answered = try h.credits(user)
        let now = h.clock.now()
        let computed = try h.service.database.readers.perform { db in try Balance.get(db, user, now: now) }
        #expect(answered == computed.wire, "credits.get of \(user) differs from the books", sourceLocation: sourceLocation)
    }

    @Test func aViewFromMemoryEqualsTheBooksAfterEveryKindOfChange() throws {
        let h = try Harness()
        let snapshots = try #require(h.service.snapshots)
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-01-01T01:00:00Z"])
        try h.call("credits.consume", ["user_id": "u", "amount": 2])
        let before = snapshots.hits
        try BalanceSnapshotsTests.expectBooks(h, "u")
        #expect(snapshots.hits == before + 1, "the read after a consume was not answered from memory")
        try h.call("credits.consume", ["user_id": "u", "amount": 4])  // across both grants
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.call("credits.grant", ["user_id": "u", "amount": 3])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        let held = try h.call("credits.reserve", ["user_id": "u", "amount": 2, "ttl_ms": 600_000])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.call("credits.consume", ["user_id": "u", "amount": 1])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.call("credits.release", ["reservation_id": held["reservation_id"]!])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "basic"])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.call("credits.consume", ["user_id": "u", "amount": 1])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        // Time alone takes the 5-credit grant past its expiry: the view no longer holds.
        _ = h.clock.set(Timestamp(rfc3339: "2026-01-01T01:30:00Z")!)
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.advance(ms: 1)  // a scheduler pass writes the expiry off
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.call("credits.consume", ["user_id": "u", "amount": 1])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        try h.verify()
    }

    @Test func aReadThatMissesAsksTheWriterToLoadTheAccount() throws {
        let h = try Harness()
        let snapshots = try #require(h.service.snapshots)
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try BalanceSnapshotsTests.expectBooks(h, "u")  // a miss: the writer loads the account
        try h.service.database.writer.perform { _ in }  // after the load's batch (and its publish)
        let before = snapshots.hits
        try BalanceSnapshotsTests.expectBooks(h, "u")
        #expect(snapshots.hits == before + 1)
        h.expectError("not_found", "credits.get", ["user_id": "nobody"])
        try h.service.database.writer.perform { _ in }
        h.expectError("not_found", "credits.get", ["user_id": "nobody"])
    }

    @Test func aConsumeStagedBeforeAWriteOnTheSQLPathInItsBatchIsNeverPublished() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])
        try BalanceSnapshotsTests.expectBooks(h, "u")
        let answers = try BatchEffectsTests.inOneBatch(h, [
            ("credits.consume", ["user_id": "u", "amount": 1]),  // fast: stages its view
            ("credits.grant", ["user_id": "u", "amount": 5]),  // SQL path: the staged view is stale
        ])
        #expect(try answers[1].get()["current_credits"] == 13)
        try BalanceSnapshotsTests.expectBooks(h, "u")
        #expect(try h.balance("u") == 13)
    }
}
