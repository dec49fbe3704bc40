/// The answer of `system.metrics`: the Prometheus text exposition format (version 0.0.4) in one
/// string, so that a JSON-RPC client (or `billingd metrics`) can hand it to a scraper unchanged.
public struct MetricsExposition: Sendable, Equatable {
    public static let contentType = "text/plain; version=0.0.4"

    public let text: String

    public init(text: String) {
        self.text = text
    }
}
