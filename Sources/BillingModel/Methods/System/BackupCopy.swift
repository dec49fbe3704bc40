/// The answer of `system.backup`: where the copy is and how big.
public struct BackupCopy: Sendable, Equatable {
    public let path: String
    public let bytes: Int64

    public init(path: String, bytes: Int64) {
        self.path = path
        self.bytes = bytes
    }
}
