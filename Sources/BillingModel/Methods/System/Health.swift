/// The answer of `system.health`.
public struct Health: Sendable, Equatable {
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
}
