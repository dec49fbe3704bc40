import BillingCore
import BillingPostgres
import BillingProtocol
import BillingStore
import BillingTesting
import Dispatch
import Foundation
import Testing

/// A billing service on a temp database with a test clock, called in-process (no socket).
/// With `BILLINGD_TEST_STORE=postgresql` the database is a fresh PostgreSQL one
/// (`TestPostgres`), so the same tests prove the domain on both stores.
final class Harness: ServiceHarness {
    let directory: String
    private var postgres: PostgresURL?
    static let onPostgres = ProcessInfo.processInfo.environment["BILLINGD_TEST_STORE"] == "postgresql"
    let service: BillingService
    let clock: BillingClock
    static let start = Timestamp(rfc3339: "2026-01-01T00:00:00.000Z")!

    init() throws {
        var template = Array("/tmp/bc-XXXXXX".utf8CString)
        directory = String(cString: mkdtemp(&template)!)
        clock = BillingClock(test: true, start: Harness.start)
        let database: any Database
        if Harness.onPostgres {
            let url = try TestPostgres.freshDatabase()
            postgres = url
            database = try PostgresDatabase(url: url, now: clock.now().milliseconds)
        } else {
            database = try SQLiteDatabase(path: directory + "/b.sqlite3", now: clock.now().milliseconds)
        }
        service = BillingService(database: database, clock: clock)
    }

    deinit {
        service.database.close()
        if let postgres { TestPostgres.drop(postgres) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func expectError(_ type: String, _ method: String, _ params: JSONObject = [:], sourceLocation: SourceLocation = #_sourceLocation) {
        let error = failure(method, params, sourceLocation: sourceLocation)
        #expect(error?.code.type == type, "\(method): \(error?.message ?? "no error")", sourceLocation: sourceLocation)
    }

    /// Runs `body` while the writer is held inside a unit of its own, so that whatever `body`
    /// submits queues up into the writer's next batch, which runs once `body` returns.
    func withWriterHeld<T>(_ body: () throws -> T) rethrows -> T {
        let hold = DispatchSemaphore(value: 0), held = DispatchSemaphore(value: 0)
        service.database.writer.submit({ _ in
            held.signal()
            hold.wait()
        }, completion: { _ in })
        held.wait()
        defer { hold.signal() }
        return try body()
    }

    func credits(_ user: String) throws -> JSONValue { try call("credits.get", ["user_id": .string(user)]) }

    func advance(days: Int64 = 0, ms: Int64 = 0) throws {
        try call("system.clock.advance", ["ms": .int(days * 86_400_000 + ms)])
    }
}
