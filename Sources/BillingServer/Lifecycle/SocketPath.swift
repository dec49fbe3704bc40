import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Prepares the socket path: refuses when a daemon answers there, removes a stale socket
/// file nobody answers on, and never deletes anything that is not a socket.
enum SocketPath {
    struct InUse: Error, CustomStringConvertible {
        let path: String
        var description: String { "another billingd is already listening on \(path)" }
    }

    struct NotASocket: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) exists and is not a socket; refusing to replace it" }
    }

    struct UnknownGroup: Error, CustomStringConvertible {
        let group: String
        var description: String { "--socket-group \(group): no such group" }
    }

    struct TooLong: Error, CustomStringConvertible {
        let path: String
        var description: String { "socket path is longer than 107 bytes: \(path)" }
    }

    static func prepare(_ path: String) throws {
        guard path.utf8.count < 108 else { throw TooLong(path: path) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw NotASocket(path: path) }
        if answers(path) { throw InUse(path: path) }
        unlink(path)
    }

    /// True when something accepts a connection on `path`.
    static func answers(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() where i < raw.count - 1 { raw[i] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }
}
