/// One documented, validated request parameter.
public struct ParamSpec: Sendable, Equatable {
    public let name: String
    public let type: ParamType
    public let required: Bool
    public let doc: String

    public init(_ name: String, _ type: ParamType, required: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = doc
    }

    public static func required(_ name: String, _ type: ParamType, _ doc: String) -> ParamSpec {
        ParamSpec(name, type, required: true, doc)
    }

    public static func optional(_ name: String, _ type: ParamType, _ doc: String) -> ParamSpec {
        ParamSpec(name, type, required: false, doc)
    }

    public var json: JSONValue {
        var object = type.json.objectValue ?? JSONObject()
        object["name"] = .string(name)
        object["required"] = .bool(required)
        object["description"] = .string(doc)
        return .object(JSONObject([("name", object["name"]!)] + object.members.filter { $0.key != "name" }.map { ($0.key, $0.value) }))
    }
}
