/// A kept document (`JSONText`) to and from the wire's values, on the caller's thread (an event
/// loop or a client), never the writer's.
extension JSONText {
    public init(_ value: JSONValue) { self.init(compact: value.serialized()) }
    public init(_ object: JSONObject) { self.init(compact: JSONValue.object(object).serialized()) }

    /// The document as a value. Its text came from `init(_:)` or a column the store checks to be
    /// JSON; a text that somehow is not JSON reads as an empty object rather than failing an answer.
    public var json: JSONValue { (try? JSONParser.parse(text)) ?? .object(JSONObject()) }
}
