#if canImport(Glibc)
import Glibc
#endif

/// Tells the service manager what the daemon is doing (`sd_notify`'s protocol, without
/// libsystemd): one datagram of `KEY=value` lines to the AF_UNIX socket named by `NOTIFY_SOCKET`,
/// a path or, with a leading `@`, an abstract name. With `Type=notify`, systemd starts the units
/// that need billingd only after `READY=1`, and `STOPPING=1` tells it the stop is under way.
public struct ServiceNotifier: Sendable, Equatable {
    public let socketPath: String

    public struct Failure: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "sd_notify: \(reason)" }
    }

    /// `NOTIFY_SOCKET` as systemd sets it; nil when unset or empty (not run by a service manager).
    public init?(environment: [String: String]) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else { return nil }
        self.init(socketPath: path)
    }

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// Sends `message` (e.g. "READY=1") in one datagram.
    public func notify(_ message: String) throws {
        let bytes = Array(socketPath.utf8)
        guard !bytes.isEmpty, bytes[0] == UInt8(ascii: "/") || bytes[0] == UInt8(ascii: "@") else {
            throw Failure(reason: "unsupported NOTIFY_SOCKET \(socketPath) (a path or an @abstract name)")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw Failure(reason: "NOTIFY_SOCKET is too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
            // An abstract name starts with a NUL byte, and its length (not a terminator) ends it.
            if bytes[0] == UInt8(ascii: "@") { raw[0] = 0 }
        }
        let pathOffset = MemoryLayout.offset(of: \sockaddr_un.sun_path)!
        let length = socklen_t(pathOffset + bytes.count + (bytes[0] == UInt8(ascii: "@") ? 0 : 1))
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(reason: "socket() failed, errno \(errno)") }
        defer { close(fd) }
        let payload = Array(message.utf8)
        let sent = payload.withUnsafeBytes { body in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, body.baseAddress, body.count, Int32(MSG_NOSIGNAL), $0, length)
                }
            }
        }
        guard sent == payload.count else { throw Failure(reason: "sendto \(socketPath) failed, errno \(errno)") }
    }
}
