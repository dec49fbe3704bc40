import BillingCore
import BillingPostgres
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation

/// A billing service on a fresh PostgreSQL database with a test clock, called in-process. Several
/// harnesses may share one database (`sharing:`): two daemons.
final class PostgresHarness: ServiceHarness, Sendable {
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

    /// Runs `work` on a reader session of this database.
    func read<T: Sendable>(_ work: @escaping @Sendable (any Connection) throws -> T) throws -> T {
        try service.database.readers.performSQL(work)
    }
}
