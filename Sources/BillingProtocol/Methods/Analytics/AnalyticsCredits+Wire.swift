/// `analytics.credits` on the wire: its catalog entry.
extension AnalyticsCredits: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Credits granted, used, expired and revoked per period.",
        params: AnalyticsPeriodParameters.specs + [AnalyticsPeriodParameters.groupBySpec],
        result: [("periods", "[{period, granted, used, expired, revoked}]")], errors: ["invalid_state"])
}
