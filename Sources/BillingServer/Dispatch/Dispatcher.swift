import BillingCore
import BillingProtocol
import BillingStore
import Dispatch
import Foundation
import NIOCore
import Synchronization

/// Turns one framed line into at most one response line: JSON parsing, the envelope, batches,
/// param validation, routing (server, reader or writer) and the mapping of every failure to
/// a typed wire error. It never blocks: database work completes through callbacks.
final class Dispatcher: Sendable {
    let service: BillingService
    let stats: ServerStats
    let version: String
    let startedAt: ContinuousClock.Instant
    let schemaVersion: Int
    let maxDepth: Int

    /// The `.server` methods of the catalog: answered here, without the database.
    private let serverMethods: [String: ServerMethods.Body]
    /// One per event loop (the loop is kept alive by its inbox, so its identifier is not reused).
    private let inboxes = Mutex<[ObjectIdentifier: AnswerInbox]>([:])

    init(service: BillingService, stats: ServerStats, version: String, schemaVersion: Int, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.service = service
        self.stats = stats
        self.version = version
        self.schemaVersion = schemaVersion
        self.maxDepth = maxDepth
        let startedAt = ContinuousClock.now
        self.startedAt = startedAt
        serverMethods = ServerMethods.table(service: service, stats: stats, version: version, schemaVersion: schemaVersion,
                                            startedAt: startedAt)
    }

    /// The inbox of `eventLoop`, shared by its connections (looked up once per connection).
    func inbox(for eventLoop: any EventLoop) -> AnswerInbox {
        inboxes.withLock { inboxes in
            if let inbox = inboxes[ObjectIdentifier(eventLoop)] { return inbox }
            let inbox = AnswerInbox(eventLoop: eventLoop, stats: stats.makeShard())
            inboxes[ObjectIdentifier(eventLoop)] = inbox
            return inbox
        }
    }

    /// An answer still to be written: evaluated on the connection's event loop, so turning a
    /// result into JSON never runs on the writer thread (the connection then writes it straight
    /// into its output). Nil: nothing to send.
    typealias Answer = @Sendable () -> JSONValue?

    /// Answers one line for `caller` (the peer, recorded in the audit log); `completion` gets the answer (possibly on
    /// another thread). The answer, evaluated on the connection's loop, counts the request in that loop's `shard`.
    func handle(_ bytes: [UInt8], fence: WriteFence, caller: AuditActor, shard: StatsShard,
                completion: @escaping @Sendable (@escaping Answer) -> Void) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, maxDepth: maxDepth)
        } catch {
            stats.recordError(RPCErrorCode.parseError.type)
            let response = RPCResponse.failure(id: .null, error: RPCError(.parseError, "parse error: \(error.message) at byte \(error.offset)"))
            completion { response }
            return
        }
        guard case .array(let elements) = value else {
            handleOne(value, fence: fence, caller: caller, shard: shard) { response in completion(response) }
            return
        }
        guard !elements.isEmpty else {
            stats.recordError(RPCErrorCode.invalidRequest.type)
            let response = RPCResponse.failure(id: .null, error: RPCError(.invalidRequest, "empty batch"))
            completion { response }
            return
        }
        // Batch elements are independent: each is answered on its own, then joined in order.
        let gathered = Mutex((left: elements.count, answers: [PendingResponse?](repeating: nil, count: elements.count)))
        for (index, element) in elements.enumerated() {
            handleOne(element, fence: fence, caller: caller, shard: shard) { answer in
                let done = gathered.withLock { state -> [PendingResponse]? in
                    state.answers[index] = answer
                    state.left -= 1
                    return state.left == 0 ? state.answers.map { $0! } : nil
                }
                guard let done else { return }
                completion {
                    let answers = done.compactMap { $0() }
                    // Not `cond ? nil : value`: that nil would be JSON null (JSONValue is ExpressibleByNilLiteral).
                    return answers.isEmpty ? Optional<JSONValue>.none : JSONValue.array(answers)
                }
            }
        }
    }

    /// One response object still to be built (on the event loop); nil: a notification's.
    typealias PendingResponse = @Sendable () -> JSONValue?

    private func handleOne(_ value: JSONValue, fence: WriteFence, caller: AuditActor, shard: StatsShard,
                           completion: @escaping @Sendable (@escaping PendingResponse) -> Void) {
        let started = ContinuousClock.now
        let request: RPCRequest
        do {
            request = try RPCRequest.decode(value)
        } catch {
            stats.recordError(error.error.code.type)
            // Not `cond ? nil : value`: JSONValue is ExpressibleByNilLiteral, so that nil would be JSON null.
            let response: JSONValue? = error.isNotification ? Optional<JSONValue>.none : RPCResponse.failure(id: error.id, error: error.error)
            completion { response }
            return
        }
        let stats = stats
        let descriptor = MethodCatalog.byName[request.method]
        // Unknown names are counted under one key, so callers cannot grow the table without bound.
        let statsName = descriptor == nil ? "(unknown)" : request.method
        // Runs wherever the result arrives (the writer thread for writes); everything after the
        // timing — stats, the result's JSON, the response object — waits for the event loop.
        let respond: @Sendable (Result<any MethodResult, any Error>) -> Void = { result in
            let elapsed = ContinuousClock.now - started
            completion {
                let micros = UInt64(max(0, elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000))
                switch result {
                case .success(let value):
                    stats.record(method: statsName, errorType: nil, microseconds: micros, result: value, in: shard)
                    return request.id.map { RPCResponse.success(id: $0, result: value.wire) }
                case .failure(let error):
                    let wire = Dispatcher.wireError(error)
                    stats.record(method: statsName, errorType: wire.code.type, microseconds: micros, in: shard)
                    return request.id.map { RPCResponse.failure(id: $0, error: wire) }
                }
            }
        }
        guard let descriptor else {
            respond(.failure(RPCError(.methodNotFound, "method '\(request.method)' not found", details: ["method": .string(request.method)])))
            return
        }
        let params: Params
        do {
            params = try ParamValidator.validate(request.params, against: descriptor)
        } catch {
            respond(.failure(error))
            return
        }
        let service = service
        switch descriptor.access {
        case .server:
            guard let method = serverMethods[descriptor.name] else {
                respond(.failure(RPCError(.methodNotFound, "method '\(descriptor.name)' not found")))
                return
            }
            respond(Result { try method(params) })
        case .write:
            let ticket = fence.beginWrite()
            service.execute(descriptor.name, params, caller: caller.request(request.id?.serialized())) { result in
                fence.endWrite(ticket)
                respond(result)
            }
        case .read:
            fence.afterEarlierWrites { service.execute(descriptor.name, params, caller: caller.request(request.id?.serialized()), completion: respond) }
        }
    }

    /// Every failure becomes exactly one typed wire error; nothing else reaches a client.
    static func wireError(_ error: any Error) -> RPCError {
        switch error {
        case let error as RPCError: return error
        case let error as BillingError: return error.rpcError
        case WriterError.overloaded:
            return RPCError(.overloaded, "the daemon is overloaded; retry later")
        case WriterError.closed:
            return RPCError(.unavailable, "the daemon is shutting down")
        case WriterError.queueTimeout:
            return RPCError(.overloaded, "the request waited too long for the writer and was not run; retry later")
        case let error as StoreUnavailable where error.outcomeUnknown:
            return RPCError(.unavailable, "\(error); retry with the same idempotency key to learn whether it was applied")
        case let error as StoreUnavailable:
            return RPCError(.unavailable, "\(error); nothing was applied, retry later")
        case let error as SQLiteError where error.isDiskFull:
            return RPCError(.internalError, "the disk is full; nothing was applied", details: ["sqlite_code": .int(Int(error.code))])
        case let error as SQLiteError where error.isReadOnly:
            return RPCError(.internalError, "the database is read-only; nothing was applied", details: ["sqlite_code": .int(Int(error.code))])
        case let error as SQLiteError:
            return RPCError(.internalError, "storage error: \(error.message); nothing was applied", details: ["sqlite_code": .int(Int(error.code))])
        default:
            return RPCError(.internalError, "internal error: \(error); nothing was applied")
        }
    }
}
