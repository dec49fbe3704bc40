import BillingCore
import BillingProtocol
import BillingStore
import Testing

/// `BatchWrites` is the store's half of the fast write path: the typed rows a batch staged,
/// written in bulk. On PostgreSQL a small batch is one statement of CTEs and a batch past its
/// bind limit takes the per-table statements, the path SQLite always takes; each must leave
/// exactly the books the rows describe.
@Suite struct BatchWritesTests {
    @Test(arguments: [10, 3_000])
    func aBatchOfConsumesLeavesExactBooks(_ count: Int) throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u1", "amount": 10_000])
        let grantText = try #require(h.credits("u1")["grants"]?.arrayValue?.first?["grant_id"]?.stringValue)
        let grantID = try #require(Int64(grantText))
        let now = h.clock.now()
        var writes = BatchWrites()
        var balance: Int64 = 10_000
        for index in 0..<count {
            balance -= 1
            writes.usage.append(UsageRow(id: "use_bw\(index)", user: "u1", credits: 1, fields: UsageFields(category: "bulk"), at: now))
            writes.ledger.append(LedgerRow(user: "u1", grantID: grantID, delta: -1, balanceAfter: balance, kind: .consume,
                                           reference: "usage:use_bw\(index)", at: now))
        }
        writes.grants[grantID] = balance
        writes.balances["u1"] = BalanceChange(current: balance, used: Int64(count), reserved: 0, at: now.milliseconds)
        writes.answers.append(IdempotencyRow(method: "credits.consume", key: "bw", fingerprint: "f", result: "{}", at: now))
        let staged = writes
        try h.service.database.writer.perform { db in try db.write(staged) }

        // Read from the store itself: the service's copies in memory never saw these rows.
        let (account, grants) = try h.service.database.readers.perform { db in
            (try db.credits.account("u1"), try db.credits.liveGrants("u1", at: now))
        }
        #expect(account?.current == balance)
        #expect(account?.used == Int64(count))
        #expect(account?.usedThisPeriod == Int64(count))
        #expect(grants.map(\.remaining) == [balance])
        let summary = try h.call("usage.summary", ["user_id": "u1", "from": "2025-01-01T00:00:00.000Z", "to": "2027-01-01T00:00:00.000Z",
                                                     "group_by": "category"])
        #expect(summary["rows"]?.arrayValue?.first?["key"] == "bulk")
        #expect(summary["rows"]?.arrayValue?.first?["requests"] == .int(Int64(count)))
        let ledger = try h.call("credits.ledger", ["user_id": "u1", "limit": 1])
        #expect(ledger["entries"]?.arrayValue?.first?["balance_after"] == .int(balance))
        #expect(try h.service.database.readers.perform { db in try db.idempotency.find(method: "credits.consume", key: "bw") }?.fingerprint == "f")
        #expect(try h.call("system.verify")["ok"] == true)
    }
}
