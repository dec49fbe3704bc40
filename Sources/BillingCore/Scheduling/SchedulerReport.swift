import BillingProtocol

/// What one scheduler pass did: how many items of each kind it processed and which failed.
public struct SchedulerReport: Sendable {
    public var processed: [SchedulerItem.Kind: Int] = [:]
    public var failures: [SchedulerFailure] = []

    public init() {}

    /// `{processed: {kind: count}, failed: [{kind, id, reason, error_type}]}`, as the clock methods answer it.
    public var json: JSONObject {
        var counts = JSONObject()
        for kind in SchedulerItem.Kind.allCases { counts[kind.rawValue] = .int(processed[kind, default: 0]) }
        return ["processed": .object(counts), "failed": .array(failures.map(\.json))]
    }
}
