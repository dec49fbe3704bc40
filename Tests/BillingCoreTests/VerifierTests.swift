import BillingCore
import BillingProtocol
import BillingStore
import Dispatch
import Testing

/// `system.verify` names the damage it finds. The per-grant check reads the ledger grouped by
/// grant since migration 8 dropped the ledger's grant index; these books are damaged behind the
/// domain's back (a raw unit on the writer) so that exactly that check must speak.
@Suite struct VerifierTests {
    /// Runs `sql` on the writer, outside the domain (no cache or view is told).
    private func tamper(_ h: Harness, _ sql: String) throws {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<Void, any Error>?  // handed over by the semaphore
        h.service.database.writer.submit({ db in try NotASQLSession.sql(db).run(sql, []) }, completion: { result in
            outcome = result.map { _ in () }
            done.signal()
        })
        done.wait()
        try outcome!.get()
    }

    private func problems(_ h: Harness) throws -> [String] {
        let report = try h.call("system.verify")
        return report["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func aGrantWhoseRemainingDiffersFromItsEntriesIsNamed() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.grant", ["user_id": "v", "amount": 5])
        try h.call("credits.consume", ["user_id": "u", "amount": 4])
        try h.verify()
        let grant = try #require(h.credits("u")["grants"]?.arrayValue?.first?["grant_id"]?.stringValue)
        // One credit vanishes from u's grant and balance alike, counted as expired: every
        // balance and total still agrees with the grants, only the ledger says otherwise.
        try tamper(h, "UPDATE credit_grants SET remaining = remaining - 1 WHERE id = \(grant)")
        try tamper(h, """
            UPDATE user_credits SET current_credits = current_credits - 1, total_credits_expired = total_credits_expired + 1
            WHERE user_id = 'u'
            """)
        let found = try problems(h)
        #expect(found.contains("a grant differs from its ledger entries: grant \(grant): remaining 5 but entries sum to 6"), "\(found)")
        #expect(!found.contains { $0.contains("balance differs from the grants") }, "\(found)")
        #expect(!found.contains { $0.hasPrefix("a grant differs") && !$0.contains("grant \(grant):") }, "\(found)")
    }

    @Test func aGrantWithoutAnyEntryIsNamed() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 3])
        try tamper(h, "UPDATE credit_grants SET remaining = 2")
        try tamper(h, """
            INSERT INTO credit_grants (user_id, source, amount, remaining, expires_at, created_at)
            VALUES ('u', 'promo', 1, 1, NULL, 0)
            """)
        let found = try problems(h)
        let unrecorded = found.filter { $0.hasPrefix("a grant differs from its ledger entries: grant ") }
        #expect(unrecorded.contains { $0.hasSuffix(": remaining 1 but entries sum to 0") }, "\(found)")
        #expect(found.contains { $0.hasSuffix(": remaining 2 but entries sum to 3") }, "\(found)")
    }
}
