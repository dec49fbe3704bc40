import BillingCore
import BillingPostgres
import BillingProtocol
import Foundation
import Synchronization
import Testing

/// Two daemons (two `PostgresDatabase`s, each with its own writer and batches) on one database.
@Suite struct TwoDaemonsTests {
    /// Every key is sent to both daemons at once, from many threads: each key changes the books
    /// once and both daemons answer it alike; users never go below zero; the books verify.
    @Test func concurrentIdempotentConsumesOnTwoDaemonsKeepExactBooks() throws {
        let a = try PostgresHarness()
        let b = try PostgresHarness(sharing: a)
        let users = (0..<4).map { "u\($0)" }
        for user in users { try a.call("credits.grant", ["user_id": .string(user), "amount": 40]) }
        let keys = (0..<200).map { "job-\($0)" }
        let answers = Answers()
        let requests = keys.flatMap { key in [(key, a), (key, b)] }.shuffled()
        // 32 threads of blocking callers, so both writers see many requests at once.
        let done = DispatchGroup()
        for worker in 0..<32 {
            done.enter()
            Thread {
                defer { done.leave() }
                for (key, daemon) in requests.enumerated().filter({ $0.offset % 32 == worker }).map(\.element) {
                    let user = users[Int(key.dropFirst(4))! % users.count]
                    let answer: String
                    do {
                        let result = try daemon.call("credits.consume", ["user_id": .string(user), "amount": 1, "idempotency_key": .string(key)])
                        answer = result["usage_id"]!.stringValue!
                    } catch let error as BillingError {
                        answer = error.rpcError.code.type
                    } catch {
                        answer = "\(error)"
                    }
                    answers.add(key, answer)
                }
            }.start()
        }
        done.wait()
        let all = answers.all
        #expect(all.count == keys.count)
        for (key, pair) in all {
            #expect(pair.count == 2 && pair[0] == pair[1], "\(key): \(pair)")
            #expect(pair.allSatisfy { $0.hasPrefix("u") || $0 == "insufficient_credits" }, "\(key): \(pair)")
        }
        let applied = all.values.filter { $0[0] != "insufficient_credits" }.count
        #expect(applied == 160)
        for user in users {
            #expect(try a.balance(user) == 0)
            #expect(try b.balance(user) == 0)
        }
        let usageRows = try a.read { db in try db.scalar("SELECT count(*) FROM usage_logs") }
        let storedKeys = try a.read { db in try db.scalar("SELECT count(*) FROM idempotency_keys WHERE method = 'credits.consume'") }
        #expect(usageRows == 160 && storedKeys == 160)
        try a.verify()
        try b.verify()
    }
}

/// Answers per key, collected from many threads.
final class Answers: Sendable {
    private let byKey = Mutex<[String: [String]]>([:])

    func add(_ key: String, _ answer: String) {
        byKey.withLock { $0[key, default: []].append(answer) }
    }

    var all: [String: [String]] { byKey.withLock { $0 } }
}
