/// The answer of `system.backup`: where the copy is and how big.
public struct BackupCopy: MethodResult, Equatable {
    public let path: String
    public let bytes: Int64

    public init(path: String, bytes: Int64) {
        self.path = path
        self.bytes = bytes
    }

    public init(wire json: JSONValue) throws(RPCError) {
        path = try WireField.string(json["path"], "path")
        bytes = try WireField.int(json["bytes"], "bytes")
    }

    public var wire: JSONValue { .object(["path": .string(path), "bytes": .int(bytes)]) }
}
