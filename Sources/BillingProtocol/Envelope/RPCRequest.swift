/// One decoded JSON-RPC request. `id == nil` means a notification (no response is sent);
/// `id == .some(.null)` is a request whose id is JSON null, which does get a response.
public struct RPCRequest: Sendable, Equatable {
    public let id: JSONValue?
    public let method: String
    public let params: JSONObject

    public init(id: JSONValue?, method: String, params: JSONObject) {
        self.id = id
        self.method = method
        self.params = params
    }

    public var isNotification: Bool { id == nil }

    /// Checks the envelope of one request object. Throws an error that already carries the
    /// id to answer with (null when the id itself is unusable).
    public static func decode(_ value: JSONValue) throws(RPCResponseError) -> RPCRequest {
        guard case .object(let object) = value else {
            throw RPCResponseError(id: .null, error: RPCError(.invalidRequest, "a request must be a JSON object"))
        }
        var id: JSONValue? = nil
        if let rawID = object["id"] {
            switch rawID {
            case .string, .number, .null: id = rawID
            default: throw RPCResponseError(id: .null, error: RPCError(.invalidRequest, "id must be a string, number or null"))
            }
        }
        let answerID = id ?? .null
        for member in object where !["jsonrpc", "id", "method", "params"].contains(member.key) {
            throw RPCResponseError(id: answerID, error: RPCError(.invalidRequest, "unknown member '\(member.key)' in request"))
        }
        if let version = object["jsonrpc"], version != .string("2.0") {
            throw RPCResponseError(id: answerID, error: RPCError(.invalidRequest, "jsonrpc must be \"2.0\""))
        }
        guard case .string(let method)? = object["method"], !method.isEmpty else {
            throw RPCResponseError(id: answerID, error: RPCError(.invalidRequest, "method must be a non-empty string"))
        }
        let params: JSONObject
        switch object["params"] {
        case nil, .null?: params = JSONObject()
        case .object(let p)?: params = p
        case .array?:
            throw RPCResponseError(id: answerID, error: RPCError(.invalidParams, "params must be an object (positional params are not supported)", details: ["field": "params"]),
                                   isNotification: id == nil)
        default:
            throw RPCResponseError(id: answerID, error: RPCError(.invalidRequest, "params must be an object"))
        }
        return RPCRequest(id: id, method: method, params: params)
    }

    public var json: JSONValue {
        var object: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
        if let id { object["id"] = id }
        object["params"] = .object(params)
        return .object(object)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
