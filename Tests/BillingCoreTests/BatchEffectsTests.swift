@testable import BillingCore
import BillingProtocol
import BillingStore
import Dispatch
import Foundation
import Testing

/// Fast consumes stage their effects in memory and the writer writes them in bulk
/// (`PendingEffects`). Each test queues requests into one batch behind a held writer, so fast
/// units, replays, refusals and units on the SQL path run side by side in one transaction, and
/// then checks every answer, the books and `verify`.
@Suite struct BatchEffectsTests {
    /// Runs `requests` as one batch, in order, and returns their answers in order.
    static func inOneBatch(_ h: Harness, _ requests: [(String, JSONObject)]) throws -> [Result<JSONValue, any Error>] {
        let answers = Answers(count: requests.count)
        let done = DispatchGroup()
        try h.withWriterHeld {
            for (index, (method, params)) in requests.enumerated() {
                let validated = try ParamValidator.validate(params, against: MethodCatalog.byName[method]!)
                done.enter()
                h.service.execute(method, validated, caller: .cli) { result in
                    answers.set(index, result.map(\.wire))
                    done.leave()
                }
            }
            #expect(h.service.database.writer.pending == requests.count)
        }
        done.wait()
        return answers.all
    }

    @Test func fastUnitsReplaysRefusalsAndSQLUnitsShareOneBatch() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u1", "amount": 10])
        try h.call("credits.grant", ["user_id": "u2", "amount": 1])
        try h.call("credits.consume", ["user_id": "u1", "amount": 1])
        let answers = try BatchEffectsTests.inOneBatch(h, [
            ("credits.consume", ["user_id": "u1", "amount": 2, "idempotency_key": "k1"]),  // 7
            ("credits.consume", ["user_id": "u1", "amount": 2, "idempotency_key": "k1"]),  // the same answer, staged in this batch
            ("credits.consume", ["user_id": "u1", "amount": 3, "idempotency_key": "k1"]),  // 1003
            ("credits.consume", ["user_id": "u2", "amount": 5]),  // 1004
            ("credits.grant", ["user_id": "u1", "amount": 5]),  // SQL path: sees the consumes before it, 12
            ("credits.consume", ["user_id": "u1", "amount": 1]),  // 11
            ("credits.consume", ["user_id": "u1", "amount": 1, "idempotency_key": "k2"]),  // 10
            ("credits.consume", ["user_id": "nobody", "amount": 1]),  // 1004, no account
            ("credits.consume", ["user_id": "u2", "amount": 1]),  // 0
            ("credits.consume", ["user_id": "u1", "amount": 1, "idempotency_key": "k2"]),  // the same answer as k2's
        ])
        func value(_ index: Int) throws -> JSONValue { try answers[index].get() }
        func errorType(_ index: Int) -> String? {
            guard case .failure(let error) = answers[index] else { return nil }
            return (error as? BillingError)?.rpcError.code.type ?? "\(error)"
        }
        #expect(try value(0)["current_credits"] == 7)
        #expect(try value(1) == value(0))
        #expect(errorType(2) == "idempotency_conflict")
        #expect(errorType(3) == "insufficient_credits")
        #expect(try value(4)["current_credits"] == 12)
        #expect(try value(5)["current_credits"] == 11)
        #expect(try value(6)["current_credits"] == 10)
        #expect(errorType(7) == "insufficient_credits")
        #expect(try value(8)["current_credits"] == 0)
        #expect(try value(9) == value(6))
        #expect(h.service.database.writer.activity.rerunBatches == 0, "the batch ran again on the SQL path")
        #expect(try h.balance("u1") == 10 && h.balance("u2") == 0)
        #expect(try h.call("credits.consume", ["user_id": "u1", "amount": 2, "idempotency_key": "k1"]) == value(0))
        let usage = try h.call("usage.list", ["user_id": "u1", "limit": 50])["usage"]?.arrayValue ?? []
        #expect(usage.count == 4)
        #expect(try h.credits("u1")["total_credits_used"] == 5)
        try h.verify()
    }

    /// Reservations are decided in memory too: they share a batch with consumes, refusals and a
    /// replay, and what they stage is a reservation that commits, releases and times out exactly
    /// like one made on the SQL path.
    @Test func reservationsFromMemoryShareABatchWithConsumes() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // loads the account: 9
        let answers = try BatchEffectsTests.inOneBatch(h, [
            ("credits.reserve", ["user_id": "u", "amount": 3, "ttl_ms": 600_000]),  // 6
            ("credits.consume", ["user_id": "u", "amount": 2]),  // 4
            ("credits.reserve", ["user_id": "u", "amount": 5]),  // 1004: 4 available
            ("credits.consume", ["user_id": "u", "amount": 1]),  // 3
            ("credits.reserve", ["user_id": "nobody", "amount": 1]),  // 1004, on the SQL path
            ("credits.reserve", ["user_id": "u", "amount": 1, "idempotency_key": "k", "ttl_ms": 600_000]),  // 2
            ("credits.reserve", ["user_id": "u", "amount": 1, "idempotency_key": "k", "ttl_ms": 600_000]),  // the same answer
        ])
        func value(_ index: Int) throws -> JSONValue { try answers[index].get() }
        func failure(_ index: Int) -> RPCError? {
            guard case .failure(let error) = answers[index] else { return nil }
            return (error as? BillingError)?.rpcError
        }
        #expect(try value(0)["current_credits"] == 6)
        #expect(try value(1)["current_credits"] == 4)
        #expect(failure(2)?.code.type == "insufficient_credits" && failure(2)?.details["available"] == 4)
        #expect(try value(3)["current_credits"] == 3)
        #expect(failure(4)?.code.type == "insufficient_credits")
        #expect(try value(5)["current_credits"] == 2)
        #expect(try value(6) == value(5))
        #expect(h.service.database.writer.activity.rerunBatches == 0, "the batch ran again on the SQL path")
        if !Harness.onPostgres {
            // Every unit kept to memory: on the SQL path a reservation would have dropped the account.
            #expect(h.service.effects.accounts.account("u")?.current == 2)
        }
        var view = try h.credits("u")
        #expect(view["current_credits"] == 2 && view["reserved_credits"] == 4 && view["total_credits_used"] == 4)
        try h.verify()
        let committed = try h.call("credits.commit", ["reservation_id": value(0)["reservation_id"]!, "amount": 2])
        #expect(committed["credits_used"] == 2 && committed["released"] == 1 && committed["current_credits"] == 3)
        try h.call("credits.release", ["reservation_id": value(5)["reservation_id"]!])
        view = try h.credits("u")
        #expect(view["current_credits"] == 4 && view["reserved_credits"] == 0 && view["total_credits_used"] == 6)
        // A hold from memory times out like any other.
        let short = try h.call("credits.reserve", ["user_id": "u", "amount": 2, "ttl_ms": 1_000])
        #expect(short["current_credits"] == 2)
        try h.advance(ms: 2_000)
        view = try h.credits("u")
        #expect(view["current_credits"] == 4 && view["reserved_credits"] == 0)
        h.expectError("invalid_state", "credits.commit", ["reservation_id": short["reservation_id"]!])
        try h.verify()
    }

    /// Commits and releases are decided in memory too, for holds made in memory and holds loaded
    /// with the account: they share a batch with reserves and consumes, a refusal changes nothing,
    /// an end the batch already staged is seen by the SQL path, and the kept account, the durable
    /// `credits.get` view and the books agree afterwards.
    @Test func commitsAndReleasesFromMemoryShareABatch() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-03-01T00:00:00Z"])
        let loaded = try h.call("credits.reserve", ["user_id": "u", "amount": 2, "ttl_ms": 600_000])  // from the expiring grant: 13
        try h.call("credits.grant", ["user_id": "u", "amount": 1])  // SQL path: the account is dropped, 14
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // loads it again, with its hold: 13
        let answers = try BatchEffectsTests.inOneBatch(h, [
            ("credits.reserve", ["user_id": "u", "amount": 6, "ttl_ms": 600_000]),  // 2 of the expiring grant, 4 of the first: 7
            ("credits.commit", ["reservation_id": loaded["reservation_id"]!, "amount": 1, "product_count": 1]),  // 1 back: 8
            ("credits.consume", ["user_id": "u", "amount": 2]),  // 6
            ("credits.release", ["reservation_id": loaded["reservation_id"]!]),  // SQL path: committed already
            ("credits.reserve", ["user_id": "u", "amount": 1, "ttl_ms": 600_000]),  // 5
        ])
        func value(_ index: Int) throws -> JSONValue { try answers[index].get() }
        func failure(_ index: Int) -> String? {
            guard case .failure(let error) = answers[index] else { return nil }
            return (error as? BillingError)?.rpcError.code.type ?? "\(error)"
        }
        #expect(try value(0)["current_credits"] == 7)
        let committed = try value(1)
        #expect(committed["credits_used"] == 1 && committed["released"] == 1 && committed["current_credits"] == 8)
        #expect(try value(2)["current_credits"] == 6)
        #expect(failure(3) == "invalid_state")
        #expect(try value(4)["current_credits"] == 5)
        let six = try value(0)["reservation_id"]!
        let one = try value(4)["reservation_id"]!
        let answers2 = try BatchEffectsTests.inOneBatch(h, [
            ("credits.commit", ["reservation_id": six, "amount": 7]),  // more than held: refused, nothing changes
            ("credits.commit", ["reservation_id": six, "amount": 3, "idempotency_key": "c"]),  // 3 back: 8
            ("credits.commit", ["reservation_id": six, "amount": 3, "idempotency_key": "c"]),  // the same answer
            ("credits.release", ["reservation_id": one]),  // 9
            ("credits.consume", ["user_id": "u", "amount": 9]),  // 0
            ("credits.commit", ["reservation_id": one]),  // SQL path: released already
        ])
        func value2(_ index: Int) throws -> JSONValue { try answers2[index].get() }
        guard case .failure(let tooMuch) = answers2[0] else { Issue.record("committing more than held succeeded"); return }
        #expect((tooMuch as? BillingError)?.rpcError.code.type == "invalid_params")
        #expect(try value2(1)["current_credits"] == 8 && value2(1)["released"] == 3)
        #expect(try value2(2) == value2(1))
        #expect(try value2(3)["current_credits"] == 9 && value2(3)["released"] == 1)
        #expect(try value2(4)["current_credits"] == 0)
        guard case .failure(let released) = answers2[5] else { Issue.record("committing a released hold succeeded"); return }
        #expect((released as? BillingError)?.rpcError.code.type == "invalid_state")
        #expect(h.service.database.writer.activity.rerunBatches == 0, "a batch ran again on the SQL path")
        // A hold made and committed in memory, on an account whose `credits.get` view is kept.
        try h.call("credits.grant", ["user_id": "u", "amount": 4])  // SQL path: 4
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // loads the account: 3
        let last = try h.call("credits.reserve", ["user_id": "u", "amount": 2])  // 1
        #expect(try h.call("credits.commit", ["reservation_id": last["reservation_id"]!, "amount": 1])["current_credits"] == 2)
        let fromMemory = try h.credits("u")
        #expect(fromMemory["current_credits"] == 2 && fromMemory["reserved_credits"] == 0 && fromMemory["total_credits_used"] == 18)
        if !Harness.onPostgres {
            #expect(h.service.effects.accounts.account("u")?.current == 2, "a unit took the SQL path and dropped the account")
            #expect(h.service.effects.accounts.account("u")?.held.isEmpty == true)
            // The view answered from memory is the one a reader computes from the books.
            h.service.snapshots?.invalidate("u")
            #expect(try h.credits("u") == fromMemory)
        }
        let usage = try h.call("usage.list", ["user_id": "u", "limit": 50])["usage"]?.arrayValue ?? []
        #expect(usage.count == 7)
        try h.verify()
    }

    /// The reservation → holder index follows the holds one at a time: a hold made in memory is
    /// found, an ended one is gone (a long run of reserve + commit must not grow the index), and
    /// a loaded account has every hold it has indexed.
    @Test func theHolderIndexKeepsOnlyHeldReservations() throws {
        let h = try Harness()
        guard !Harness.onPostgres else { return }  // a shared store keeps no account between batches
        try h.call("credits.grant", ["user_id": "u", "amount": 100])
        let loaded = try h.call("credits.reserve", ["user_id": "u", "amount": 1])["reservation_id"]!.stringValue!
        try h.call("credits.grant", ["user_id": "u", "amount": 1])  // SQL path: the account is dropped
        #expect(h.service.effects.accounts.holder(of: loaded) == nil)
        try h.call("credits.consume", ["user_id": "u", "amount": 1])  // loads it again, with its hold
        let accounts = h.service.effects.accounts
        #expect(accounts.holder(of: loaded) == "u")
        var ended: [String] = []
        for _ in 0..<20 {
            let id = try h.call("credits.reserve", ["user_id": "u", "amount": 2])["reservation_id"]!.stringValue!
            #expect(accounts.holder(of: id) == "u")
            try h.call(ended.count.isMultiple(of: 2) ? "credits.commit" : "credits.release", ["reservation_id": .string(id)])
            ended.append(id)
        }
        #expect(ended.allSatisfy { accounts.holder(of: $0) == nil })
        #expect(accounts.account("u")?.held.keys.sorted() == [loaded])
        #expect(h.service.database.writer.activity.rerunBatches == 0)
        try h.call("credits.release", ["reservation_id": .string(loaded)])
        #expect(accounts.holder(of: loaded) == nil && accounts.account("u")?.held.isEmpty == true)
        try h.verify()
    }

    /// A batch of consumes only, one of which must settle a due grant first (its SQL path): on
    /// PostgreSQL the batch's READ COMMITTED attempt gives way to a SERIALIZABLE one.
    @Test func aConsumeThatMustSettleFirstSharesABatchOfFastOnes() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "a", "amount": 5])
        try h.call("credits.grant", ["user_id": "b", "amount": 5])
        try h.call("credits.grant", ["user_id": "b", "amount": 3, "expires_at": "2026-01-01T01:00:00Z"])
        h.clock.set(Timestamp(rfc3339: "2026-01-01T02:00:00Z")!)
        let answers = try BatchEffectsTests.inOneBatch(h, [
            ("credits.consume", ["user_id": "a", "amount": 1]),
            ("credits.consume", ["user_id": "b", "amount": 2]),  // writes off the expired 3 first
            ("credits.consume", ["user_id": "a", "amount": 1, "idempotency_key": "x"]),
            ("credits.consume", ["user_id": "nobody", "amount": 1]),
        ])
        #expect(try answers[0].get()["current_credits"] == 4)
        #expect(try answers[1].get()["current_credits"] == 3)
        #expect(try answers[2].get()["current_credits"] == 3)
        #expect(throws: BillingError.self) { try answers[3].get() }
        let b = try h.credits("b")
        #expect(b["current_credits"] == 3 && b["total_credits_expired"] == 3 && b["total_credits_used"] == 2)
        #expect(try h.balance("a") == 3)
        try h.verify()
    }

    @Test func manyUsersInOneBatchAreWrittenInBulkAndExactly() throws {
        let h = try Harness()
        for user in 0..<150 { try h.call("credits.grant", ["user_id": .string("u\(user)"), "amount": 3]) }
        for user in 0..<150 where user % 2 == 0 {
            try h.call("credits.grant", ["user_id": .string("u\(user)"), "amount": 2, "expires_at": "2026-02-01T00:00:00Z"])
        }
        // Each user twice, so each spends across grants; 300 units, more than one chunk of every bulk statement.
        let requests = (0..<300).map { index -> (String, JSONObject) in
            ("credits.consume", ["user_id": .string("u\(index % 150)"), "amount": 2, "idempotency_key": .string("k\(index)")])
        }
        let answers = try BatchEffectsTests.inOneBatch(h, requests)
        for (index, answer) in answers.enumerated() {
            let user = index % 150
            let start: Int64 = user % 2 == 0 ? 5 : 3
            let expected = start - 2 * Int64(index / 150 + 1)
            if expected >= 0 {
                #expect(try answer.get()["current_credits"] == .int(expected))
            } else {
                #expect(throws: BillingError.self) { try answer.get() }
            }
        }
        #expect(try h.balance("u0") == 1 && h.balance("u1") == 1)
        #expect(h.service.database.writer.activity.rerunBatches == 0, "the batch ran again on the SQL path")
        try h.verify()
    }

    /// Embedded store only (the poison is a SQLite trigger): when writing the staged effects fails,
    /// the batch runs again with every unit on the SQL path, so only the failing request fails.
    @Test(.enabled(if: !Harness.onPostgres)) func aFailedBulkWriteRunsTheBatchAgainOnTheSQLPath() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.grant", ["user_id": "poison", "amount": 10])
        try h.service.database.writer.performSQL { db in
            try db.execute("""
                CREATE TEMP TRIGGER poison BEFORE INSERT ON usage_logs WHEN NEW.user_id = 'poison'
                BEGIN SELECT RAISE(ABORT, 'poisoned'); END
                """)
        }
        let answers = try BatchEffectsTests.inOneBatch(h, [
            ("credits.consume", ["user_id": "u", "amount": 1]),
            ("credits.consume", ["user_id": "poison", "amount": 1]),
            ("credits.consume", ["user_id": "u", "amount": 1, "idempotency_key": "k"]),
        ])
        #expect(try answers[0].get()["current_credits"] == 9)
        #expect(throws: (any Error).self) { try answers[1].get() }
        #expect(try answers[2].get()["current_credits"] == 8)
        #expect(h.service.database.writer.activity.rerunBatches == 1)
        #expect(try h.balance("u") == 8 && h.balance("poison") == 10)
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 1, "idempotency_key": "k"])["current_credits"] == 8)
        try h.verify()
    }
}

/// Answers collected from the writer's threads, read after all of them arrived.
private final class Answers: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var values: [Result<JSONValue, any Error>?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Result<JSONValue, any Error>) {
        lock.withLock { values[index] = value }
    }

    var all: [Result<JSONValue, any Error>] { lock.withLock { values.map { $0! } } }
}
