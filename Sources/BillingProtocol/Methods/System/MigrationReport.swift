/// The answer of `system.migrations`: applied migrations (with when) and pending ones.
public struct MigrationReport: MethodResult, Equatable {
    public struct Entry: Sendable, Equatable {
        public let version: Int64
        public let name: String
        public let checksum: String
        /// Nil for a pending migration.
        public let appliedAt: Timestamp?

        public init(version: Int64, name: String, checksum: String, appliedAt: Timestamp?) {
            self.version = version
            self.name = name
            self.checksum = checksum
            self.appliedAt = appliedAt
        }

        init(wire json: JSONValue) throws(RPCError) {
            version = try WireField.int(json["version"], "version")
            name = try WireField.string(json["name"], "name")
            checksum = try WireField.string(json["checksum"], "checksum")
            appliedAt = try WireField.time(json["applied_at"], "applied_at")
        }

        var wire: JSONValue {
            var object: JSONObject = ["version": .int(version), "name": .string(name), "checksum": .string(checksum)]
            if let appliedAt { object["applied_at"] = .string(appliedAt.rfc3339) }
            return .object(object)
        }
    }

    public let applied: [Entry]
    public let pending: [Entry]

    public init(applied: [Entry], pending: [Entry]) {
        self.applied = applied
        self.pending = pending
    }

    public init(wire json: JSONValue) throws(RPCError) {
        var applied: [Entry] = []
        for entry in try WireField.array(json["applied"], "applied") { applied.append(try Entry(wire: entry)) }
        var pending: [Entry] = []
        for entry in try WireField.array(json["pending"], "pending") { pending.append(try Entry(wire: entry)) }
        self.applied = applied
        self.pending = pending
    }

    public var wire: JSONValue { .object(["applied": .array(applied.map(\.wire)), "pending": .array(pending.map(\.wire))]) }
}
