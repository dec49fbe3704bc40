#if canImport(Glibc)
import Glibc
#endif

/// Raw POSIX Unix-socket helpers: the generator stays off NIO so that it measures the daemon,
/// not a second copy of the daemon's own machinery.
enum BenchSocket {
    /// Connects to `path`; the descriptor is blocking until `setNonBlocking`.
    static func connect(_ path: String) throws(BenchError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket(): \(errnoText())") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw BenchError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else {
            let text = errnoText()
            close(fd)
            throw BenchError("cannot connect to \(path): \(text)")
        }
        return fd
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    static func setReceiveTimeout(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Raises the soft open-file limit to the hard one (1,000 connections need it).
    static func raiseFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Monotonic nanoseconds.
@inline(__always)
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// CPU seconds (user + system) this process has used.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// A blocking line connection for setup (funding users) and for reading `system.stats`.
final class BlockingLineConnection {
    let fd: Int32
    private var pending: [UInt8] = []
    private var start = 0

    init(path: String, timeoutSeconds: Int = 30) throws(BenchError) {
        fd = try BenchSocket.connect(path)
        BenchSocket.setReceiveTimeout(fd, seconds: timeoutSeconds)
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws(BenchError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw BenchError("send failed: \(BenchSocket.errnoText())") }
            offset += n
        }
    }

    /// The next line without its newline; throws at EOF or timeout.
    func readLine() throws(BenchError) -> ArraySlice<UInt8> {
        while true {
            if let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[start..<newline]
                start = newline + 1
                if start == pending.count {
                    let copy = Array(line)
                    pending.removeAll(keepingCapacity: true)
                    start = 0
                    return copy[...]
                }
                return line
            }
            if start > 0 {
                pending.removeFirst(start)
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { throw BenchError("the daemon closed the connection") }
            guard n > 0 else { throw BenchError("receive failed: \(BenchSocket.errnoText())") }
            pending.append(contentsOf: chunk[..<n])
        }
    }
}
