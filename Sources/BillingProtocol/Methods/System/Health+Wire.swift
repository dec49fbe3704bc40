/// `Health` on the wire: its members, and its JSON both ways.
extension Health: MethodResult {
    public static let fields: [(String, String)] = [
        ("status", "\"ok\""), ("version", "daemon version"), ("schema_version", "highest applied migration"),
        ("uptime_ms", "milliseconds since start"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        self.init(status: try WireField.string(json["status"], "status"), version: try WireField.string(json["version"], "version"),
                  schemaVersion: try WireField.int(json["schema_version"], "schema_version"),
                  uptimeMs: try WireField.int(json["uptime_ms"], "uptime_ms"))
    }

    public var wire: JSONValue {
        .object(["status": .string(status), "version": .string(version), "schema_version": .int(schemaVersion), "uptime_ms": .int(uptimeMs)])
    }
}
