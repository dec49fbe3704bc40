import BillingProtocol
import Foundation
import Synchronization

/// The Swift client: `try await client.call(CreditsConsume.self, .init(userID: "u", amount: 1))`
/// returns a typed `Consumption`; `client.call("credits.consume", ["user_id": "u", "amount": 1])`
/// stays for scripts; `BillingClient+Methods.swift` has shorthands for the busiest calls. Concurrent calls share one pipelined
/// connection; after the daemon restarts the next call reconnects. A call that lost its
/// connection is retried only when that is safe: reads, and writes that carry an `idempotency_key`.
public final class BillingClient: Sendable {
    public struct Options: Sendable {
        public var timeout: Duration = .seconds(30)
        /// Extra attempts for calls that are safe to repeat.
        public var retries = 3
        public var retryDelay: Duration = .milliseconds(100)
        public init() {}
    }

    public let socketPath: String
    public let options: Options
    private let connection = Mutex<ClientConnection?>(nil)
    private let closed = Atomic<Bool>(false)

    /// `socketPath` resolves as the daemon's does: the argument, else `BILLINGD_SOCKET`, else `./billingd.sock`.
    public init(socketPath: String? = nil, options: Options = Options()) {
        self.socketPath = SocketConnection.resolvePath(socketPath)
        self.options = options
    }

    deinit { connection.withLock { $0?.shutdownNow() } }

    public func close() {
        closed.store(true, ordering: .relaxed)
        connection.withLock { $0?.shutdownNow(); $0 = nil }
    }

    /// Calls `method`; params are checked against the shared catalog before anything is sent,
    /// so a typo fails here exactly as the daemon would answer it. Throws `RPCError` for an
    /// error answer and `BillingClientError` for transport failures.
    public func call(_ method: String, _ params: JSONObject = [:]) async throws -> JSONValue {
        guard let descriptor = MethodCatalog.byName[method] else {
            throw RPCError(.methodNotFound, "method '\(method)' not found", details: ["method": .string(method)])
        }
        _ = try ParamValidator.validate(params, against: descriptor)
        let repeatable = descriptor.access != .write || params["idempotency_key"].map { $0 != .null } == true
        var attempt = 0
        while true {
            do {
                let response = try await currentConnection().send(method: method, params: params, timeout: options.timeout)
                if let error = response["error"] {
                    throw RPCError(json: error) ?? RPCError(.internalError, "malformed error answer")
                }
                return response["result"] ?? .null
            } catch let error as BillingClientError where attempt < options.retries && error.isRetryable(repeatable: repeatable) {
                attempt += 1
                dropConnection()
                try await Task.sleep(for: options.retryDelay * attempt)
            } catch let error as RPCError where repeatable && attempt < options.retries && error.code == .overloaded {
                attempt += 1
                try await Task.sleep(for: options.retryDelay * attempt)
            }
        }
    }

    /// Calls a declared method with typed params and returns its typed result: the same
    /// declaration the daemon validates, routes and answers with, so the two cannot drift.
    public func call<M: BillingMethod>(_ method: M.Type, _ params: M.Parameters) async throws -> M.Result {
        try M.Result(wire: try await call(M.name, params.wire))
    }

    private func currentConnection() throws -> ClientConnection {
        guard !closed.load(ordering: .relaxed) else { throw BillingClientError.closed }
        return try connection.withLock { current in
            if let live = current, !live.isDead { return live }
            let fresh = try ClientConnection(path: socketPath)
            current = fresh
            return fresh
        }
    }

    private func dropConnection() {
        connection.withLock { current in
            if let dead = current, dead.isDead { current = nil }
        }
    }
}
