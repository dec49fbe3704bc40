/// The answer of `system.stats`: request and error counts, latency, connections, group-commit
/// figures, memory, and the scheduler's health.
public struct StatsReport: Sendable, Equatable {
    /// Request latency in microseconds (0 everywhere before the first request).
    public struct Latency: Sendable, Equatable {
        public let count: Int64
        public let p50: Int64
        public let p90: Int64
        public let p99: Int64
        public let p999: Int64
        public let max: Int64

        public init(count: Int64, p50: Int64, p90: Int64, p99: Int64, p999: Int64, max: Int64) {
            self.count = count
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
            self.p999 = p999
            self.max = max
        }
    }

    /// A scheduled item failing now, and how many passes in a row it failed.
    public struct FailingItem: Sendable, Equatable {
        public let kind: String
        public let id: String
        public let reason: String
        public let errorType: String?
        public let consecutive: Int64

        public init(kind: String, id: String, reason: String, errorType: String?, consecutive: Int64) {
            self.kind = kind
            self.id = id
            self.reason = reason
            self.errorType = errorType
            self.consecutive = consecutive
        }
    }

    public struct Scheduler: Sendable, Equatable {
        public let passes: Int64
        public let itemsProcessed: Int64
        public let failures: Int64
        public let failing: [FailingItem]

        public init(passes: Int64, itemsProcessed: Int64, failures: Int64, failing: [FailingItem]) {
            self.passes = passes
            self.itemsProcessed = itemsProcessed
            self.failures = failures
            self.failing = failing
        }
    }

    /// One counter of a table, under its key.
    public struct Count: Sendable, Equatable {
        public let key: String
        public let count: Int64

        public init(key: String, count: Int64) {
            self.key = key
            self.count = count
        }
    }

    /// Requests per method name (unknown names under `(unknown)`), in name order.
    public let requests: [Count]
    /// Errors per `data.type`, in type order.
    public let errors: [Count]
    public let latency: Latency
    public let openConnections: Int64
    public let totalConnections: Int64
    public let commits: Int64
    public let writeRequests: Int64
    /// Write requests per commit, two decimals.
    public let requestsPerCommit: Money
    public let writerQueue: Int64
    public let rssBytes: Int64
    public let scheduler: Scheduler

    public init(requests: [Count], errors: [Count], latency: Latency, openConnections: Int64,
                totalConnections: Int64, commits: Int64, writeRequests: Int64, requestsPerCommit: Money, writerQueue: Int64, rssBytes: Int64,
                scheduler: Scheduler) {
        self.requests = requests
        self.errors = errors
        self.latency = latency
        self.openConnections = openConnections
        self.totalConnections = totalConnections
        self.commits = commits
        self.writeRequests = writeRequests
        self.requestsPerCommit = requestsPerCommit
        self.writerQueue = writerQueue
        self.rssBytes = rssBytes
        self.scheduler = scheduler
    }
}
