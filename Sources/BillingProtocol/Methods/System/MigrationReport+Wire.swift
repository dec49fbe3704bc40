/// `MigrationReport` on the wire: its JSON both ways.
extension MigrationReport: MethodResult {
    public init(wire json: JSONValue) throws(RPCError) {
        var applied: [Entry] = []
        for entry in try WireField.array(json["applied"], "applied") { applied.append(try Entry(wire: entry)) }
        var pending: [Entry] = []
        for entry in try WireField.array(json["pending"], "pending") { pending.append(try Entry(wire: entry)) }
        self.init(applied: applied, pending: pending)
    }

    public var wire: JSONValue { .object(["applied": .array(applied.map(\.wire)), "pending": .array(pending.map(\.wire))]) }
}

extension MigrationReport.Entry {
    init(wire json: JSONValue) throws(RPCError) {
        self.init(version: try WireField.int(json["version"], "version"), name: try WireField.string(json["name"], "name"),
                  checksum: try WireField.string(json["checksum"], "checksum"), appliedAt: try WireField.time(json["applied_at"], "applied_at"))
    }

    var wire: JSONValue {
        var object: JSONObject = ["version": .int(version), "name": .string(name), "checksum": .string(checksum)]
        if let appliedAt { object["applied_at"] = .string(appliedAt.rfc3339) }
        return .object(object)
    }
}
