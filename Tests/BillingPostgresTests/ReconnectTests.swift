import BillingCore
import BillingPostgres
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// PostgreSQL stopped and started again under a running store, on a cluster of this test's own.
@Suite struct ReconnectTests {
    @Test func aStoppedServerAnswersUnavailableAppliesNothingAndTheStoreReconnects() throws {
        let directory = try TemporaryDirectory.make(prefix: "pgr")
        let url = try PostgresURL(try TestPostgres.cluster("start", directory))
        defer {
            _ = try? TestPostgres.cluster("stop", directory)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let clock = BillingClock(test: true, start: Timestamp(rfc3339: "2026-01-01T00:00:00Z")!)
        let database = try PostgresDatabase(url: url, now: clock.now().milliseconds)
        defer { database.close() }
        let service = BillingService(database: database, clock: clock)
        try service.perform("credits.grant", ["user_id": "u", "amount": 10])

        try TestPostgres.cluster("stop", directory)
        #expect(throws: StoreUnavailable.self) { try service.perform("credits.consume", ["user_id": "u", "amount": 3]) }
        #expect(throws: StoreUnavailable.self) { try service.perform("credits.get", ["user_id": "u"]) }
        // Until the server is back, every attempt is refused the same way.
        #expect(throws: StoreUnavailable.self) { try service.perform("credits.consume", ["user_id": "u", "amount": 3]) }

        try TestPostgres.cluster("start", directory)
        // The writer and the readers reconnect by themselves (after their backoff).
        let consumed = try eventually { try service.perform("credits.consume", ["user_id": "u", "amount": 2]) }
        #expect(consumed["current_credits"] == 8)
        let view = try eventually { try service.perform("credits.get", ["user_id": "u"]) }
        #expect(view["current_credits"] == 8 && view["total_credits_used"] == 2)
        #expect(try service.perform("system.verify", [:])["ok"] == true)
    }

    /// Retries `work` while it answers `StoreUnavailable` (the store is still reconnecting), up to 200 times.
    func eventually<T>(_ work: () throws -> T) throws -> T {
        for _ in 0..<200 {
            do {
                return try work()
            } catch is StoreUnavailable {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        return try work()
    }
}
