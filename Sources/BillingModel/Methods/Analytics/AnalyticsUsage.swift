/// `analytics.usage`: usage per one dimension, with exact response-time percentiles.
public enum AnalyticsUsage: Command {
    public typealias Result = UsageReport
    public static let name = "analytics.usage"
    public static let access = MethodAccess.read

    /// What `analytics.usage` groups by; `model` is `metadata.model`.
    public enum Dimension: String, Sendable, CaseIterable {
        case usageType = "usage_type", model, endpointUsed = "endpoint_used", category, languageCode = "language_code"
    }

    public struct Parameters: Sendable, Equatable {
        public var from: Timestamp
        public var to: Timestamp
        public var groupBy: Dimension
        public var userID: String?

        public init(from: Timestamp, to: Timestamp, groupBy: Dimension, userID: String? = nil) {
            self.from = from
            self.to = to
            self.groupBy = groupBy
            self.userID = userID
        }
    }
}
