import BillingCore
import BillingPostgres
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// A billing service on a fresh PostgreSQL database with a test clock, called in-process. Several
/// harnesses may share one database (`sharing:`): two daemons.
final class PostgresHarness: Sendable {
    let url: PostgresURL
    let service: BillingService
    let clock: BillingClock
    private let ownsDatabase: Bool
    static let start = Timestamp(rfc3339: "2026-01-01T00:00:00.000Z")!
    static let secret = "pg-webhook-secret"

    init(sharing other: PostgresHarness? = nil, options: PostgresDatabase.Options = PostgresDatabase.Options()) throws {
        url = try other?.url ?? TestPostgres.freshDatabase()
        ownsDatabase = other == nil
        clock = BillingClock(test: true, start: PostgresHarness.start)
        service = BillingService(database: try PostgresDatabase(url: url, options: options, now: clock.now().milliseconds), clock: clock,
                                 lemonSqueezySecret: PostgresHarness.secret)
    }

    deinit {
        service.database.close()
        if ownsDatabase { TestPostgres.drop(url) }
    }

    @discardableResult
    func call(_ method: String, _ params: JSONObject = [:]) throws -> JSONValue {
        try service.perform(method, params)
    }

    /// The wire error of a call that must fail.
    func failure(_ method: String, _ params: JSONObject = [:], sourceLocation: SourceLocation = #_sourceLocation) -> RPCError? {
        do {
            let result = try call(method, params)
            Issue.record("\(method) succeeded: \(result.serialized())", sourceLocation: sourceLocation)
            return nil
        } catch let error as RPCError {
            return error
        } catch let error as BillingError {
            return error.rpcError
        } catch {
            Issue.record("\(method) failed with \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    func balance(_ user: String) throws -> Int64 {
        try call("credits.get", ["user_id": .string(user)])["current_credits"]!.int64Value!
    }

    /// system.verify must be clean.
    func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try call("system.verify")
        #expect(report["ok"] == true, "\(report["problems"]?.serialized() ?? "")", sourceLocation: sourceLocation)
    }

    /// Runs `work` on a reader session of this database.
    func read<T: Sendable>(_ work: @escaping @Sendable (any Connection) throws -> T) throws -> T {
        try service.database.readers.perform(work)
    }
}
