import BillingCore
import BillingProtocol

/// The catalog's `.server` methods, each registered once against its declaration: answered by
/// the server itself, without the database, so they work even while the writer is busy.
enum ServerMethods {
    typealias Body = @Sendable (Params) throws -> any MethodResult

    static func table(service: BillingService, stats: ServerStats, version: String, schemaVersion: Int,
                      startedAt: ContinuousClock.Instant) -> [String: Body] {
        let methods: [(String, Body)] = [
            (SystemHealth.name, { _ in
                let elapsed = ContinuousClock.now - startedAt
                return Health(version: version, schemaVersion: Int64(schemaVersion),
                              uptimeMs: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            }),
            (SystemMethods.name, { _ in MethodList(MethodCatalog.all) }),
            (SystemStats.name, { _ in
                let counters = service.database.writer.counters
                return stats.report(commits: counters.commits, writes: counters.requests, queue: service.database.writer.pending,
                                    scheduler: service.schedulerHealth.report)
            }),
            (SystemMetrics.name, { _ in stats.metrics.exposition(writeQueueDepth: service.database.writer.pending) }),
            (SystemClock.name, { _ in ClockReading(now: service.clock.now(), testClock: service.clock.isTest) }),
        ]
        return Dictionary(uniqueKeysWithValues: methods)
    }
}
