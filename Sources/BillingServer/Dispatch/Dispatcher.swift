import BillingCore
import BillingProtocol
import BillingStore
import Dispatch
import Foundation
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

    init(service: BillingService, stats: ServerStats, version: String, schemaVersion: Int, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.service = service
        self.stats = stats
        self.version = version
        self.schemaVersion = schemaVersion
        self.maxDepth = maxDepth
        startedAt = .now
    }

    /// Answers one line; `completion` gets the response line, or nil when nothing is to be sent.
    func handle(_ bytes: [UInt8], fence: WriteFence, completion: @escaping @Sendable (String?) -> Void) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, maxDepth: maxDepth)
        } catch {
            stats.recordError(RPCErrorCode.parseError.type)
            completion(RPCResponse.failure(id: .null, error: RPCError(.parseError, "parse error: \(error.message) at byte \(error.offset)")).serialized())
            return
        }
        guard case .array(let elements) = value else {
            handleOne(value, fence: fence) { completion($0?.serialized()) }
            return
        }
        guard !elements.isEmpty else {
            stats.recordError(RPCErrorCode.invalidRequest.type)
            completion(RPCResponse.failure(id: .null, error: RPCError(.invalidRequest, "empty batch")).serialized())
            return
        }
        // Batch elements are independent: each is answered on its own, then joined in order.
        let gathered = Mutex((left: elements.count, answers: [JSONValue?](repeating: nil, count: elements.count)))
        for (index, element) in elements.enumerated() {
            handleOne(element, fence: fence) { answer in
                let done = gathered.withLock { state -> [JSONValue]? in
                    state.answers[index] = answer
                    state.left -= 1
                    return state.left == 0 ? state.answers.compactMap { $0 } : nil
                }
                guard let done else { return }
                completion(done.isEmpty ? nil : JSONValue.array(done).serialized())
            }
        }
    }

    private func handleOne(_ value: JSONValue, fence: WriteFence, completion: @escaping @Sendable (JSONValue?) -> Void) {
        let started = ContinuousClock.now
        let request: RPCRequest
        do {
            request = try RPCRequest.decode(value)
        } catch {
            stats.recordError(error.error.code.type)
            // Not `cond ? nil : value`: JSONValue is ExpressibleByNilLiteral, so that nil would be JSON null.
            if error.isNotification {
                completion(Optional<JSONValue>.none)
            } else {
                completion(RPCResponse.failure(id: error.id, error: error.error))
            }
            return
        }
        let stats = stats
        // Unknown names are counted under one key, so callers cannot grow the table without bound.
        let statsName = MethodCatalog.byName[request.method] == nil ? "(unknown)" : request.method
        let respond: @Sendable (Result<JSONValue, any Error>) -> Void = { result in
            let elapsed = ContinuousClock.now - started
            let micros = UInt64(max(0, elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000))
            switch result {
            case .success(let json):
                stats.record(method: statsName, errorType: nil, microseconds: micros)
                completion(request.id.map { RPCResponse.success(id: $0, result: json) })
            case .failure(let error):
                let wire = Dispatcher.wireError(error)
                stats.record(method: statsName, errorType: wire.code.type, microseconds: micros)
                completion(request.id.map { RPCResponse.failure(id: $0, error: wire) })
            }
        }
        guard let descriptor = MethodCatalog.byName[request.method] else {
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
            respond(Result { try serverMethod(descriptor.name) })
        case .write:
            let ticket = fence.beginWrite()
            service.execute(descriptor.name, params) { result in
                fence.endWrite(ticket)
                respond(result)
            }
        case .read:
            fence.afterEarlierWrites { service.execute(descriptor.name, params, completion: respond) }
        }
    }

    /// Methods answered without the database.
    private func serverMethod(_ name: String) throws -> JSONValue {
        switch name {
        case "system.health":
            let elapsed = ContinuousClock.now - startedAt
            return .object([
                "status": "ok", "version": .string(version), "schema_version": .int(schemaVersion),
                "uptime_ms": .int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            ])
        case "system.methods":
            return .object(["methods": .array(MethodCatalog.all.map(\.json))])
        case "system.stats":
            let counters = service.database.writer.counters
            var answer = stats.json(commits: counters.commits, writes: counters.requests, queue: service.database.writer.pending)
            if case .object(var object) = answer {
                object["scheduler"] = service.schedulerHealth.json
                answer = .object(object)
            }
            return answer
        case "system.clock":
            return .object(["now": .string(service.clock.now().rfc3339), "test_clock": .bool(service.clock.isTest)])
        default:
            throw RPCError(.methodNotFound, "method '\(name)' not found")
        }
    }

    /// Every failure becomes exactly one typed wire error; nothing else reaches a client.
    static func wireError(_ error: any Error) -> RPCError {
        switch error {
        case let error as RPCError: return error
        case let error as BillingError: return error.rpcError
        case Writer.SubmitError.overloaded:
            return RPCError(.overloaded, "the daemon is overloaded; retry later")
        case Writer.SubmitError.closed:
            return RPCError(.unavailable, "the daemon is shutting down")
        case Writer.SubmitError.queueTimeout:
            return RPCError(.overloaded, "the request waited too long for the writer and was not run; retry later")
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
