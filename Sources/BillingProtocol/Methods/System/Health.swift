/// The answer of `system.health`.
public struct Health: MethodResult, Equatable {
    public let status: String
    public let version: String
    public let schemaVersion: Int64
    public let uptimeMs: Int64

    public init(status: String = "ok", version: String, schemaVersion: Int64, uptimeMs: Int64) {
        self.status = status
        self.version = version
        self.schemaVersion = schemaVersion
        self.uptimeMs = uptimeMs
    }

    public static let fields: [(String, String)] = [
        ("status", "\"ok\""), ("version", "daemon version"), ("schema_version", "highest applied migration"),
        ("uptime_ms", "milliseconds since start"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        status = try WireField.string(json["status"], "status")
        version = try WireField.string(json["version"], "version")
        schemaVersion = try WireField.int(json["schema_version"], "schema_version")
        uptimeMs = try WireField.int(json["uptime_ms"], "uptime_ms")
    }

    public var wire: JSONValue {
        .object(["status": .string(status), "version": .string(version), "schema_version": .int(schemaVersion), "uptime_ms": .int(uptimeMs)])
    }
}
