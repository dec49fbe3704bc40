/// `analytics.revenue`: payments per period and currency, per plan, and MRR per plan.
public enum AnalyticsRevenue: BillingMethod {
    public typealias Parameters = AnalyticsPeriodParameters
    public typealias Result = RevenueReport

    public static let descriptor = MethodDescriptor(
        "analytics.revenue", "Payments per period and currency, per plan, and MRR per plan at each period's end (integer-exact).",
        access: .read, params: AnalyticsPeriodParameters.specs + [AnalyticsPeriodParameters.groupBy],
        result: [("periods", "[{period, currency, payments, gross, refunded, net}] (completed and refunded payments; decimal strings)"),
                 ("by_plan", "[{plan_id (or null), currency, payments, net}]"),
                 ("mrr", "[{period, plan_id, currency, subscriptions, mrr}]: live paid subscriptions at the period's last instant, price per month")],
        errors: ["invalid_state"])
}
