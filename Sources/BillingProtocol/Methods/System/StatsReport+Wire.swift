/// `StatsReport` on the wire: its JSON both ways.
extension StatsReport: MethodResult {
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
