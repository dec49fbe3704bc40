/// `MetricsExposition` on the wire: its members, and its JSON both ways.
extension MetricsExposition: MethodResult {
    public static let fields: [(String, String)] = [
        ("text", "the exposition text, ready for a scraper or node_exporter's textfile collector"),
        ("content_type", "\"\(contentType)\""),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        self.init(text: try WireField.string(json["text"], "text"))
    }

    public var wire: JSONValue { .object(["text": .string(text), "content_type": .string(Self.contentType)]) }
}
