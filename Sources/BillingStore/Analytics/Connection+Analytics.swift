import BillingCore
/// The report queries of one store session, as the domain's analytics methods ask for them.
extension Connection {
    public var analytics: any AnalyticsRecords { AnalyticsQueries(db: self) }
}
