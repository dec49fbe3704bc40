/// The parameters of an analytics report over a range in time buckets: [from, to) and `group_by`.
public struct AnalyticsPeriodParameters: MethodParameters, Equatable {
    public var from: Timestamp
    public var to: Timestamp
    public var groupBy: Granularity

    public init(from: Timestamp, to: Timestamp, groupBy: Granularity = .month) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
    }

    public init(validated p: Params) throws(RPCError) {
        let (from, to) = try AnalyticsPeriodParameters.range(p)
        self.init(from: from, to: to, groupBy: p.string("group_by").flatMap(Granularity.init(rawValue:)) ?? .month)
    }

    public var wire: JSONObject {
        ["from": .string(from.rfc3339), "to": .string(to.rfc3339), "group_by": .string(groupBy.rawValue)]
    }

    /// `from` and `to`, which every analytics method requires.
    static func range(_ p: Params) throws(RPCError) -> (from: Timestamp, to: Timestamp) {
        guard let from = p.time("from") else { throw RPCError.invalidParams(field: "from", "'from' is required") }
        guard let to = p.time("to") else { throw RPCError.invalidParams(field: "to", "'to' is required") }
        return (from, to)
    }

    static let specs: [ParamSpec] = [
        .required("from", .timestamp, "Inclusive."), .required("to", .timestamp, "Exclusive; after from."),
    ]
    static let groupBy = ParamSpec.optional(
        "group_by", .oneOf(Granularity.allCases.map(\.rawValue)),
        "Time buckets in UTC: day (2026-01-31), week (ISO, named by its Monday), month (2026-01); default month.")
}
