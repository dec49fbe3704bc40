#if canImport(Glibc)
import Glibc
#endif

/// The listening socket a service manager passed in (systemd socket activation, the `sd_listen_fds`
/// protocol): `LISTEN_PID` names this process, `LISTEN_FDS` counts descriptors from 3 on,
/// `LISTEN_FDNAMES` names them. The daemon serves that socket instead of creating one, and never
/// removes its file: the socket unit owns it and keeps it (and queued clients) across restarts.
public struct SocketActivation: Sendable, Equatable {
    /// `SD_LISTEN_FDS_START`: the first passed descriptor.
    public static let firstDescriptor: Int32 = 3

    public let descriptor: Int32
    /// `FileDescriptorName=` of the socket unit (its unit name by default), when given.
    public let name: String?
    /// The socket's path, for logs and for clients' documentation ("@name" for an abstract one).
    public let path: String

    public struct Invalid: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "socket activation: \(reason)" }
    }

    /// The passed socket, or nil when this process was not socket-activated (no `LISTEN_FDS`, or
    /// `LISTEN_PID` names another process: the variables were inherited, not meant for us).
    /// Throws when the passed descriptors are not exactly one listening Unix stream socket.
    public static func fromEnvironment(_ environment: [String: String], pid: Int32 = getpid()) throws -> SocketActivation? {
        guard let count = environment["LISTEN_FDS"], let listenPID = environment["LISTEN_PID"] else { return nil }
        guard Int32(listenPID) == pid else { return nil }
        guard let fds = Int(count), fds >= 1 else { throw Invalid(reason: "LISTEN_FDS=\(count) passes no socket") }
        guard fds == 1 else { throw Invalid(reason: "LISTEN_FDS=\(count): billingd serves exactly one socket (one ListenStream=)") }
        let name = environment["LISTEN_FDNAMES"].flatMap { $0.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) }
        return try SocketActivation(adopting: firstDescriptor, name: name)
    }

    /// Adopts `fd` after checking that it is a listening AF_UNIX stream socket (tests pass their own).
    public init(adopting fd: Int32, name: String? = nil) throws {
        path = try Self.listeningUnixStreamPath(fd)
        // Like sd_listen_fds(): the descriptor must not leak into anything this process might exec.
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        descriptor = fd
        self.name = name
    }

    /// The socket's path, after checking that `fd` is a listening AF_UNIX SOCK_STREAM socket.
    private static func listeningUnixStreamPath(_ fd: Int32) throws -> String {
        var type: Int32 = 0
        var listening: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &size) == 0 else {
            throw Invalid(reason: "descriptor \(fd) is not a socket (errno \(errno))")
        }
        size = socklen_t(MemoryLayout<Int32>.size)
        guard type == Int32(SOCK_STREAM.rawValue), getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening == 1 else {
            throw Invalid(reason: "descriptor \(fd) is not a listening stream socket (use ListenStream=, Accept=no)")
        }
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0, address.sun_family == sa_family_t(AF_UNIX) else {
            throw Invalid(reason: "descriptor \(fd) is not a Unix domain socket (ListenStream= must be a path)")
        }
        let pathBytes = Int(length) - MemoryLayout.offset(of: \sockaddr_un.sun_path)!
        return withUnsafeBytes(of: &address.sun_path) { raw in
            let bytes = Array(raw.prefix(max(0, pathBytes)))
            guard let first = bytes.first else { return "" }
            if first == 0 { return "@" + String(decoding: bytes.dropFirst(), as: UTF8.self) }
            return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
