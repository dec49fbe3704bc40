import Foundation

/// Short temporary directories: a Unix socket path must fit in 107 bytes.
public enum TemporaryDirectory {
    public static func make(prefix: String = "bd") throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/tmp/\(prefix)-XXXXXX"])
        }
        return String(cString: made)
    }
}
