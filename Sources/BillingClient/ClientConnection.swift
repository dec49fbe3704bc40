import BillingProtocol
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One socket shared by many concurrent calls: callers write their request line under a
/// lock (pipelining), a reader thread matches answers to callers by id. The daemon answers in
/// request order, so an answer whose id is null (a line too long, an overloaded refusal) is
/// the oldest unanswered request's.
final class ClientConnection: Sendable {
    private struct State {
        var pending: [Int: CheckedContinuation<JSONValue, any Error>] = [:]
        /// Ids in the order their lines went out.
        var inFlight: [Int] = []
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
                        continuation.resume(throwing: BillingClientError.notSent)
                        return
                    }
                    switch self.write(line, id: id) {
                    case .sent: break
                    case .nothingSent: self.fail(id, BillingClientError.notSent)
                    case .partlySent: self.fail(id, BillingClientError.connectionLost)
                    }
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

    private enum WriteOutcome {
        case sent, nothingSent, partlySent
    }

    /// Writes one request line. `partlySent` matters: the daemon answers an unterminated last
    /// line at EOF, so a request cut short may still run and is not safe to resend.
    private func write(_ line: String, id: Int) -> WriteOutcome {
        writeLock.withLock { _ in
            state.withLock { $0.inFlight.append(id) }
            var bytes = Array(line.utf8)[...]
            let total = bytes.count
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else {
                    state.withLock { s in s.inFlight.removeAll { $0 == id } }
                    return bytes.count == total ? .nothingSent : .partlySent
                }
                bytes = bytes.dropFirst(n)
            }
            return .sent
        }
    }

    private func fail(_ id: Int, _ error: any Error) {
        state.withLock { s in
            s.inFlight.removeAll { $0 == id }
            return s.pending.removeValue(forKey: id)
        }?.resume(throwing: error)
    }

    /// The caller waiting for `response`: by its id, or the oldest in flight when the id is null.
    private func claim(_ response: JSONValue) -> CheckedContinuation<JSONValue, any Error>? {
        state.withLock { s in
            let id: Int
            if let number = response["id"]?.int64Value {
                id = Int(number)
                s.inFlight.removeAll { $0 == id }
            } else if response["id"] == .null, !s.inFlight.isEmpty {
                id = s.inFlight.removeFirst()
            } else {
                return nil
            }
            return s.pending.removeValue(forKey: id)
        }
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
                guard let response = try? JSONParser.parse(line) else { continue }
                claim(response)?.resume(returning: response)
            }
        }
        let orphans = state.withLock { s -> [CheckedContinuation<JSONValue, any Error>] in
            s.dead = true
            s.inFlight.removeAll()
            defer { s.pending.removeAll() }
            return Array(s.pending.values)
        }
        for continuation in orphans { continuation.resume(throwing: BillingClientError.connectionLost) }
        close(fd)
    }

    /// Ends the connection; calls still waiting fail with `connectionLost`.
    func shutdownNow() { shutdown(fd, Int32(SHUT_RDWR)) }
}
