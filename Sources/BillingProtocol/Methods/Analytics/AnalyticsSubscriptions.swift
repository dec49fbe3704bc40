/// `analytics.subscriptions`: subscriptions per plan and status now; starts, cancellations and churn per period.
public enum AnalyticsSubscriptions: BillingMethod {
    public typealias Parameters = AnalyticsPeriodParameters
    public typealias Result = SubscriptionReport

    public static let descriptor = MethodDescriptor(
        "analytics.subscriptions", "Subscriptions per plan and status now; started, cancelled and churned per period and plan.",
        access: .read, params: AnalyticsPeriodParameters.specs + [AnalyticsPeriodParameters.groupBySpec],
        result: [("by_status", "[{plan_id, status, subscriptions}]"),
                 ("periods", "[{period, plan_id, new, cancelled, churned}]: created, cancellation asked, ended (cancelled or expired)")])
}
