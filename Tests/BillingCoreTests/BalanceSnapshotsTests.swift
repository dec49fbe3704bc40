@testable import BillingCore
import BillingProtocol
import BillingStore
import Dispatch
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

    /// A write on the SQL path that names its account (a grant, a reservation and its commit or
    /// release, a subscription) drops only that account's copies: the others stay in memory (the
    /// writer's entry, the view) and still equal the books. A scheduler pass that finds nothing
    /// due keeps them all; one that expires a grant drops them all.
    @Test func aWriteOnTheSQLPathKeepsOtherAccountsInMemory() throws {
        let h = try Harness()
        let snapshots = try #require(h.service.snapshots)
        let accounts = h.service.effects.accounts
        for user in ["a", "b"] {
            try h.call("credits.grant", ["user_id": .string(user), "amount": 10])
            try h.call("credits.consume", ["user_id": .string(user), "amount": 1])  // loads and publishes
        }
        func expectBInMemory(_ after: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(accounts.account("b") != nil, "b's account was dropped by \(after)", sourceLocation: sourceLocation)
            let before = snapshots.hits
            try BalanceSnapshotsTests.expectBooks(h, "b", sourceLocation: sourceLocation)
            #expect(snapshots.hits == before + 1, "b's view was dropped by \(after)", sourceLocation: sourceLocation)
            try BalanceSnapshotsTests.expectBooks(h, "a", sourceLocation: sourceLocation)
        }
        try expectBInMemory("nothing")
        try h.call("credits.grant", ["user_id": "a", "amount": 5])
        #expect(accounts.account("a") == nil, "the grant kept a's own copy")
        try expectBInMemory("a grant to a")
        let held = try h.call("credits.reserve", ["user_id": "a", "amount": 2, "ttl_ms": 600_000])
        try expectBInMemory("a reservation of a's")
        try h.call("credits.commit", ["reservation_id": held["reservation_id"]!, "amount": 1])
        try expectBInMemory("a commit of a's")
        let other = try h.call("credits.reserve", ["user_id": "a", "amount": 1, "ttl_ms": 600_000])
        try h.call("credits.release", ["reservation_id": other["reservation_id"]!])
        try expectBInMemory("a release of a's")
        try h.call("subscriptions.create", ["user_id": "a", "plan_id": "basic", "subscription_id": "s-a"])
        try h.call("subscriptions.pause", ["subscription_id": "s-a"])
        try expectBInMemory("a's subscription")
        // Unknown ids: the write fails, and may have dropped everything, but nothing is wrong.
        h.expectError("not_found", "credits.commit", ["reservation_id": "res_none"])
        try BalanceSnapshotsTests.expectBooks(h, "b")
        try h.call("credits.consume", ["user_id": "b", "amount": 1])  // publishes b's view again
        try expectBInMemory("b's consume")
        try runScheduler(h)
        try expectBInMemory("an idle scheduler pass")
        try h.call("credits.grant", ["user_id": "a", "amount": 3, "expires_at": "2026-01-01T00:00:01Z"])
        _ = h.clock.set(Timestamp(rfc3339: "2026-01-01T00:00:02Z")!)
        try runScheduler(h)
        #expect(accounts.account("b") == nil, "a pass that expired a grant kept the copies")
        try BalanceSnapshotsTests.expectBooks(h, "a")
        try BalanceSnapshotsTests.expectBooks(h, "b")
        try h.verify()
    }

    /// One pass of the daemon's own scheduler (the one the server runs every second).
    private func runScheduler(_ h: Harness) throws {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<SchedulerPass, any Error>?  // handed over by the semaphore
        h.service.runDue { result in
            outcome = result
            done.signal()
        }
        done.wait()
        _ = try outcome!.get()
    }
}
