import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Raw Unix sockets a test holds itself: a listening socket to pass in as systemd would, and a
/// datagram socket standing in for systemd's notification socket.
enum TestSockets {
    /// A bound, listening AF_UNIX stream socket at `path` (or "@name": abstract).
    static func listening(at path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try bind(fd, path)
        guard listen(fd, 16) == 0 else { throw failure("listen", path) }
        return fd
    }

    /// A bound AF_UNIX datagram socket whose receives give up after `timeoutSeconds`.
    static func datagram(at path: String, timeoutSeconds: Int = 20) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try bind(fd, path)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// The next datagram as text, or nil when none came before the timeout.
    static func receive(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count < 0 ? nil : String(decoding: buffer.prefix(count), as: UTF8.self)
    }

    private static func bind(_ fd: Int32, _ path: String) throws {
        guard fd >= 0 else { throw failure("socket", path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
            if bytes.first == UInt8(ascii: "@") { raw[0] = 0 }
        }
        let length = MemoryLayout.offset(of: \sockaddr_un.sun_path)! + bytes.count + (bytes.first == UInt8(ascii: "@") ? 0 : 1)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(length)) }
        }
        guard result == 0 else { throw failure("bind", path) }
    }

    private static func failure(_ call: String, _ path: String) -> any Error {
        NSError(domain: "TestSockets", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "\(call) \(path): errno \(errno)"])
    }
}
