import BillingProtocol
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A blocking newline-JSON connection to billingd over a Unix socket: the transport under
/// `BillingClient`, and what the CLI and socket tests use to send exact bytes.
public final class SocketConnection: MethodCaller {
    public struct ConnectError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot connect to billingd at \(path): \(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public struct Closed: Error, CustomStringConvertible {
        public var description: String { "billingd closed the connection" }
    }

    public let path: String
    private let fd: Int32
    private var pending: [UInt8] = []

    /// Resolves the socket path as the daemon does: the argument, else `BILLINGD_SOCKET`, else `./billingd.sock`.
    public static func resolvePath(_ path: String?) -> String {
        path ?? ProcessInfo.processInfo.environment["BILLINGD_SOCKET"] ?? "./billingd.sock"
    }

    public init(path: String, timeoutSeconds: Int = 30) throws {
        self.path = path
        let fd: Int32
        do {
            fd = try UnixSocket.connect(path)
        } catch {
            guard case .cannotConnect(_, let reason) = error else { throw ConnectError(path: path, reason: "\(error)") }
            throw ConnectError(path: path, reason: reason)
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sends bytes exactly as given.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Closed() }
            offset += n
        }
    }

    public func send(line: String) throws { try send(Array((line + "\n").utf8)) }

    /// Closes the sending half, as `socat` does at the end of its input.
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next line (without its newline), or nil at EOF.
    public func readLine() throws -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return nil }
            guard n > 0 else { throw ConnectError(path: path, reason: "receive failed: \(String(cString: strerror(errno)))") }
            pending.append(contentsOf: chunk[..<n])
        }
    }

    /// Reads the next line as JSON.
    public func readJSON() throws -> JSONValue {
        guard let line = try readLine() else { throw Closed() }
        return try JSONParser.parse(line)
    }

    /// One request, one answer: returns `result`, throws `RPCError` for an error answer.
    @discardableResult
    public func call(_ method: String, _ params: JSONObject = [:], id: Int = 1) throws -> JSONValue {
        try send(line: RPCRequest(id: .int(id), method: method, params: params).json.serialized())
        let response = try readJSON()
        if let error = response["error"], let rpc = RPCError(json: error) { throw rpc }
        return response["result"] ?? .null
    }

    /// One declared method, typed both ways: params written from `M.Parameters`, the answer read
    /// as `M.Result` (throws `RPCError` for an error answer).
    public func call<M: BillingMethod>(_ method: M.Type, _ params: M.Parameters) throws -> M.Result {
        try M.Result(wire: try call(M.name, params.wire))
    }
}
