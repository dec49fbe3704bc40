/// `analytics.credits`: credits granted, used, expired and revoked per period.
public enum AnalyticsCredits: Command {
    public typealias Parameters = AnalyticsPeriodParameters
    public typealias Result = CreditFlowReport
    public static let name = "analytics.credits"
    public static let access = MethodAccess.read
}
