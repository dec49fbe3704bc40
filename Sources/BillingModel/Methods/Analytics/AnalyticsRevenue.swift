/// `analytics.revenue`: payments per period and currency, per plan, and MRR per plan.
public enum AnalyticsRevenue: Command {
    public typealias Parameters = AnalyticsPeriodParameters
    public typealias Result = RevenueReport
    public static let name = "analytics.revenue"
    public static let access = MethodAccess.read
}
