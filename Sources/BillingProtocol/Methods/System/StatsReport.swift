/// The answer of `system.stats`: request and error counts, latency, connections, group-commit
/// figures, memory, and the scheduler's health.
public struct StatsReport: MethodResult, Equatable {
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

    public init(wire json: JSONValue) throws(RPCError) {
        func counts(_ name: String) throws(RPCError) -> [Count] {
            var out: [Count] = []
            for member in try WireField.object(json[name], name) { out.append(Count(key: member.key, count: try WireField.int(member.value, member.key))) }
            return out
        }
        let l = json["latency_us"]
        let s = json["scheduler"]
        var failing: [FailingItem] = []
        for f in try WireField.array(s?["failing"], "failing") {
            failing.append(FailingItem(kind: try WireField.string(f["kind"], "kind"), id: try WireField.string(f["id"], "id"),
                                       reason: try WireField.string(f["reason"], "reason"),
                                       errorType: try WireField.optionalString(f["error_type"], "error_type"),
                                       consecutive: try WireField.int(f["consecutive"], "consecutive")))
        }
        self.init(
            requests: try counts("requests"), errors: try counts("errors"),
            latency: Latency(count: try WireField.int(l?["count"], "count"), p50: try WireField.int(l?["p50"], "p50"),
                             p90: try WireField.int(l?["p90"], "p90"), p99: try WireField.int(l?["p99"], "p99"),
                             p999: try WireField.int(l?["p999"], "p999"), max: try WireField.int(l?["max"], "max")),
            openConnections: try WireField.int(json["open_connections"], "open_connections"),
            totalConnections: try WireField.int(json["total_connections"], "total_connections"),
            commits: try WireField.int(json["commits"], "commits"), writeRequests: try WireField.int(json["write_requests"], "write_requests"),
            requestsPerCommit: try WireField.money(json["requests_per_commit"], scale: 2, "requests_per_commit"),
            writerQueue: try WireField.int(json["writer_queue"], "writer_queue"), rssBytes: try WireField.int(json["rss_bytes"], "rss_bytes"),
            scheduler: Scheduler(passes: try WireField.int(s?["passes"], "passes"), itemsProcessed: try WireField.int(s?["items_processed"], "items_processed"),
                                 failures: try WireField.int(s?["failures"], "failures"), failing: failing))
    }

    public var wire: JSONValue {
        .object([
            "requests": .object(JSONObject(requests.map { ($0.key, .int($0.count)) })),
            "errors": .object(JSONObject(errors.map { ($0.key, .int($0.count)) })),
            "latency_us": .object(["count": .int(latency.count), "p50": .int(latency.p50), "p90": .int(latency.p90), "p99": .int(latency.p99),
                                   "p999": .int(latency.p999), "max": .int(latency.max)]),
            "open_connections": .int(openConnections), "total_connections": .int(totalConnections),
            "commits": .int(commits), "write_requests": .int(writeRequests), "requests_per_commit": .string(requestsPerCommit.description),
            "writer_queue": .int(writerQueue), "rss_bytes": .int(rssBytes),
            "scheduler": .object([
                "passes": .int(scheduler.passes), "items_processed": .int(scheduler.itemsProcessed), "failures": .int(scheduler.failures),
                "failing": .array(scheduler.failing.map {
                    .object(["kind": .string($0.kind), "id": .string($0.id), "reason": .string($0.reason), "error_type": WireField.wire($0.errorType),
                             "consecutive": .int($0.consecutive)])
                }),
            ]),
        ])
    }
}
