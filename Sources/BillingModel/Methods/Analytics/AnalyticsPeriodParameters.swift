/// The parameters of an analytics report over a range in time buckets: [from, to) and `group_by`.
public struct AnalyticsPeriodParameters: Sendable, Equatable {
    public var from: Timestamp
    public var to: Timestamp
    public var groupBy: Granularity

    public init(from: Timestamp, to: Timestamp, groupBy: Granularity = .month) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
    }
}
