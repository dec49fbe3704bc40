/// `AnalyticsPeriodParameters` as wire params: read from the validator, written by clients, and the specs the analytics methods share.
extension AnalyticsPeriodParameters: MethodParameters {
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
    /// `group_by` as a spec (not `groupBy`: in this module that name would hide the value's own `groupBy`).
    static let groupBySpec = ParamSpec.optional(
        "group_by", .oneOf(Granularity.allCases.map(\.rawValue)),
        "Time buckets in UTC: day (2026-01-31), week (ISO, named by its Monday), month (2026-01); default month.")
}
