/// `BackupCopy` on the wire: its JSON both ways.
extension BackupCopy: MethodResult {
    public init(wire json: JSONValue) throws(RPCError) {
        self.init(path: try WireField.string(json["path"], "path"), bytes: try WireField.int(json["bytes"], "bytes"))
    }

    public var wire: JSONValue { .object(["path": .string(path), "bytes": .int(bytes)]) }
}
