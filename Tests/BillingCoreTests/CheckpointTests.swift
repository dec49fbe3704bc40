import BillingCore
import BillingProtocol
import BillingStore
import Dispatch
import Foundation
import BillingTesting
import Testing

/// Checkpoints run mostly off the writer thread (`Checkpointer`); the writer finishes each one
/// between batches, so the WAL starts over and stays bounded even when the writer never pauses.
@Suite(.enabled(if: !Harness.onPostgres, "the WAL is the embedded store's"))
struct CheckpointTests {
    @Test func theWALStaysBoundedUnderAWriterThatNeverPauses() throws {
        let directory = try TemporaryDirectory.make(prefix: "ckpt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = SQLiteDatabase.Options()
        options.walAutocheckpoint = 64
        let path = directory + "/b.sqlite3"
        let clock = BillingClock(test: true, start: Harness.start)
        let database = try SQLiteDatabase(path: path, options: options, now: clock.now().milliseconds)
        let service = BillingService(database: database, clock: clock)
        for user in 0..<100 { _ = try service.perform("credits.grant", ["user_id": .string("u\(user)"), "amount": .int(1_000_000)]) }
        // 20,000 consumes kept in flight 200 at a time: the writer always has a next batch.
        let inFlight = DispatchSemaphore(value: 200)
        let done = DispatchGroup()
        var largest: UInt64 = 0
        for index in 0..<20_000 {
            inFlight.wait()
            done.enter()
            let params = try ParamValidator.validate(["user_id": .string("u\(index % 100)"), "amount": 1],
                                                     against: MethodCatalog.byName["credits.consume"]!)
            service.execute("credits.consume", params, caller: .cli) { _ in
                inFlight.signal()
                done.leave()
            }
            if index % 500 == 0 { largest = max(largest, CheckpointTests.size(path + "-wal")) }
        }
        done.wait()
        largest = max(largest, CheckpointTests.size(path + "-wal"))
        // Without the writer's part the WAL only grows (20,000 consumes write well over 40 MB of frames).
        #expect(largest < 16 << 20, "the WAL reached \(largest) bytes")
        #expect(try service.perform("system.verify", [:])["ok"] == true)
        #expect(try service.perform("credits.get", ["user_id": "u0"])["current_credits"] == 999_800)
        database.close()
    }

    static func size(_ path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }
}
