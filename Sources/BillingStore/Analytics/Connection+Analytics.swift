/// The report queries of one store session, as the domain's analytics methods ask for them.
extension Connection {
    public var analytics: AnalyticsQueries { AnalyticsQueries(db: self) }
}
