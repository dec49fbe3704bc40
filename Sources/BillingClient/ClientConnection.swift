import BillingProtocol
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One socket shared by many concurrent calls: callers write their request line under a
/// lock (pipelining), a reader thread matches answers to callers by id.
final class ClientConnection: Sendable {
    private struct State {
        var pending: [Int: CheckedContinuation<JSONValue, any Error>] = [:]
        var nextID = 1
        var dead = false
    }

    private let fd: Int32
    private let state = Mutex(State())
    private let writeLock = Mutex(())

    init(path: String) throws(BillingClientError) {
        fd = try UnixSocket.connect(path)
        let thread = Thread { [self] in readLoop() }
        thread.name = "billingd-client-reader"
        thread.start()
    }

    var isDead: Bool { state.withLock { $0.dead } }

    /// Sends one request and waits for its answer (the whole response object).
    func send(method: String, params: JSONObject, timeout: Duration) async throws -> JSONValue {
        let id = state.withLock { s -> Int in
            defer { s.nextID += 1 }
            return s.nextID
        }
        let line = RPCRequest(id: .int(id), method: method, params: params).json.serialized() + "\n"
        return try await withThrowingTaskGroup(of: JSONValue.self) { group in
            group.addTask {
                try await withCheckedThrowingContinuation { continuation in
                    let registered = self.state.withLock { s -> Bool in
                        guard !s.dead else { return false }
                        s.pending[id] = continuation
                        return true
                    }
                    guard registered else {
                        continuation.resume(throwing: BillingClientError.connectionLost)
                        return
                    }
                    if !self.write(line) { self.fail(id, BillingClientError.connectionLost) }
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                self.fail(id, BillingClientError.timedOut)
                throw BillingClientError.timedOut
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private func write(_ line: String) -> Bool {
        writeLock.withLock { _ in
            var bytes = Array(line.utf8)[...]
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { return false }
                bytes = bytes.dropFirst(n)
            }
            return true
        }
    }

    private func fail(_ id: Int, _ error: any Error) {
        state.withLock { $0.pending.removeValue(forKey: id) }?.resume(throwing: error)
    }

    private func readLoop() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            buffer.append(contentsOf: chunk[..<n])
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                guard let response = try? JSONParser.parse(line), let id = response["id"]?.int64Value else { continue }
                state.withLock { $0.pending.removeValue(forKey: Int(id)) }?.resume(returning: response)
            }
        }
        let orphans = state.withLock { s -> [CheckedContinuation<JSONValue, any Error>] in
            s.dead = true
            defer { s.pending.removeAll() }
            return Array(s.pending.values)
        }
        for continuation in orphans { continuation.resume(throwing: BillingClientError.connectionLost) }
        close(fd)
    }

    /// Ends the connection; calls still waiting fail with `connectionLost`.
    func shutdownNow() { shutdown(fd, Int32(SHUT_RDWR)) }
}
