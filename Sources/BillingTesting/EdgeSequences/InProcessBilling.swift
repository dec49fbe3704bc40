import BillingCore
import BillingProtocol
import BillingStore
import Foundation

/// A billing service on a fresh temp database with a test clock, called in-process (no socket),
/// answering as the wire would: every failure is the `RPCError` a client would get. For the
/// edge-sequence fuzzer, which cannot reach `BillingCore` itself.
public final class InProcessBilling {
    public let directory: String
    private let service: BillingService

    public init(start: Timestamp = Timestamp(rfc3339: "2026-01-01T00:00:00.000Z")!) throws {
        directory = try TemporaryDirectory.make()
        let clock = BillingClock(test: true, start: start)
        service = BillingService(database: try SQLiteDatabase(path: directory + "/b.sqlite3", now: clock.now().milliseconds), clock: clock)
    }

    deinit {
        service.database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    public func call(_ method: String, _ params: JSONObject) throws -> JSONValue {
        do {
            return try service.perform(method, params)
        } catch let error as RPCError {
            throw error
        } catch let error as BillingError {
            throw error.rpcError
        } catch {
            throw RPCError(.internalError, "\(error)")
        }
    }
}
