/// `analytics.credits`: credits granted, used, expired and revoked per period.
public enum AnalyticsCredits: BillingMethod {
    public typealias Parameters = AnalyticsPeriodParameters
    public typealias Result = CreditFlowReport

    public static let descriptor = MethodDescriptor(
        "analytics.credits", "Credits granted, used, expired and revoked per period.", access: .read,
        params: AnalyticsPeriodParameters.specs + [AnalyticsPeriodParameters.groupBy],
        result: [("periods", "[{period, granted, used, expired, revoked}]")], errors: ["invalid_state"])
}
