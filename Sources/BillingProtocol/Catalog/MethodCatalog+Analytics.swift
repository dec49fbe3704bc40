extension MethodCatalog {
    static let analytics: [MethodDescriptor] = [
        AnalyticsRevenue.descriptor, AnalyticsSubscriptions.descriptor, AnalyticsCredits.descriptor, AnalyticsUsage.descriptor,
        AnalyticsTopUsers.descriptor, AnalyticsWebhooks.descriptor,
    ]
}
