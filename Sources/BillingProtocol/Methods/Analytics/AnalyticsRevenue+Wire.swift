/// `analytics.revenue` on the wire: its catalog entry.
extension AnalyticsRevenue: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Payments per period and currency, per plan, and MRR per plan at each period's end (integer-exact).",
        params: AnalyticsPeriodParameters.specs + [AnalyticsPeriodParameters.groupBySpec],
        result: [("periods", "[{period, currency, payments, gross, refunded, net}] (completed and refunded payments; decimal strings)"),
                 ("by_plan", "[{plan_id (or null), currency, payments, net}]"),
                 ("mrr", "[{period, plan_id, currency, subscriptions, mrr}]: live paid subscriptions at the period's last instant, price per month")],
        errors: ["invalid_state"])
}
