/// The answer of `system.metrics`: the Prometheus text exposition format (version 0.0.4) in one
/// string, so that a JSON-RPC client (or `billingd metrics`) can hand it to a scraper unchanged.
public struct MetricsExposition: MethodResult, Equatable {
    public static let contentType = "text/plain; version=0.0.4"

    public let text: String

    public init(text: String) {
        self.text = text
    }

    public static let fields: [(String, String)] = [
        ("text", "the exposition text, ready for a scraper or node_exporter's textfile collector"),
        ("content_type", "\"\(contentType)\""),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        text = try WireField.string(json["text"], "text")
    }

    public var wire: JSONValue { .object(["text": .string(text), "content_type": .string(Self.contentType)]) }
}
