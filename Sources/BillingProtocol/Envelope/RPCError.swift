/// An error as it travels in a response: code, message and `data` (which always holds `type`).
public struct RPCError: Error, Sendable, Equatable {
    public let code: RPCErrorCode
    public let message: String
    /// Extra members of `data` besides `type` (e.g. `field`, `available`).
    public let details: JSONObject

    public init(_ code: RPCErrorCode, _ message: String? = nil, details: JSONObject = JSONObject()) {
        self.code = code
        self.message = message ?? code.defaultMessage
        self.details = details
    }

    public var json: JSONValue {
        var data = JSONObject()
        data["type"] = .string(code.type)
        for member in details where member.key != "type" { data[member.key] = member.value }
        return ["code": .int(code.code), "message": .string(message), "data": .object(data)]
    }

    /// Reads an `error` member of a response.
    public init?(json: JSONValue) {
        guard let codeNumber = json["code"]?.int64Value,
            let message = json["message"]?.stringValue
        else { return nil }
        let data = json["data"]?.objectValue ?? JSONObject()
        let type = data["type"]?.stringValue ?? ""
        let known = RPCErrorCode.byType(type)
        self.code = known ?? RPCErrorCode(code: Int(codeNumber), type: type, defaultMessage: message)
        self.message = message
        var details = data
        details["type"] = nil
        self.details = details
    }

    public static func invalidParams(field: String, _ message: String) -> RPCError {
        RPCError(.invalidParams, message, details: ["field": .string(field)])
    }
}
