import BillingProtocol
import BillingTesting
import Foundation
import Testing

@testable import BillingBench

/// The load generator's wire format and a short, bounded run against a test daemon.
/// Correctness only: no test here asserts a speed.
@Suite(.serialized) struct BenchTests {
    /// The runner blocks its thread until the run ends: keep that off Swift's cooperative pool.
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test(arguments: [RequestKind.consume, .get, .reserve, .commit, .health, .grant])
    func requestLinesAreValidJSONRPC(kind: RequestKind) throws {
        var out: [UInt8] = []
        WireFormat.appendRequest(kind, id: 42, user: 7, userPrefix: Array("u-".utf8), amount: 3,
                                 reservation: Array("res_1".utf8)[...], idempotencyKey: (Array("run".utf8), 1, 9), to: &out)
        #expect(out.last == UInt8(ascii: "\n"))
        let request = try RPCRequest.decode(try JSONParser.parse(Array(out.dropLast())))
        #expect(request.id == .int(42))
        #expect(request.method == "\(kind.method)")
        switch kind {
        case .health: #expect(request.params.isEmpty)
        case .commit: #expect(request.params["reservation_id"] == "res_1")
        case .get: #expect(request.params["user_id"] == "u-7")
        default: #expect(request.params["user_id"] == "u-7" && request.params["amount"] == .int(3))
        }
        #expect((request.params["idempotency_key"] != nil) == kind.isWrite)
    }

    @Test func scannerReadsIdsErrorsAndReservations() {
        func scan(_ line: String, reservation: Bool = false) -> ScannedResponse {
            Array(line.utf8).withUnsafeBufferPointer { ResponseScanner.scan($0, wantReservation: reservation) }
        }
        let ok = scan(#"{"jsonrpc":"2.0","id":17,"result":{"usage_id":"use_1"}}"#)
        #expect(ok.id == 17 && !ok.isError)
        let failed = scan(#"{"jsonrpc":"2.0","id":3,"error":{"code":1004,"message":"m","data":{"type":"insufficient_credits"}}}"#)
        #expect(failed.id == 3 && failed.isError && failed.errorType == "insufficient_credits")
        let line = #"{"jsonrpc":"2.0","id":5,"result":{"reservation_id":"res_abc","user_id":"u"}}"#
        let held = scan(line, reservation: true)
        #expect(held.reservationID.map { String(decoding: Array(line.utf8)[$0], as: UTF8.self) } == "res_abc")
    }

    @Test func decimalsAreWrittenExactly() {
        for value: UInt64 in [0, 9, 10, 12345, UInt64.max] {
            var out: [UInt8] = []
            WireFormat.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test(arguments: [BenchConfiguration.Mix.consume, .get90, .reserveCommit, .health])
    func boundedRunAnswersEverything(mix: BenchConfiguration.Mix) async throws {
        let daemon = try await TestDaemon.start()
        var configuration = BenchConfiguration(socketPath: daemon.socketPath)
        configuration.connections = 3
        configuration.depth = 4
        configuration.mix = mix
        configuration.duration = nil
        configuration.requests = 120
        configuration.warmup = 0
        configuration.users = 20
        configuration.idempotency = mix == .consume
        let run = configuration
        let report = try await offPool { try BenchRunner.run(run) }
        #expect(report.requests == 120)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.lost == 0)
        #expect((report.rssBytes ?? 0) > 0)
        if mix == .reserveCommit { #expect(report.byMethod["credits.commit", default: 0] > 0) }
        if mix != .health {
            let verify = try daemon.call("system.verify")
            #expect(verify["ok"] == true, "\(verify)")
        }
        try await daemon.stop()
    }

    @Test func holdsConnectionsAndReportsRSS() async throws {
        let daemon = try await TestDaemon.start()
        let path = daemon.socketPath
        let held = try await offPool { try BenchRunner.holdConnections(path: path, count: 20, seconds: 0) }
        // The daemon counts the held connections plus the one that asked for its stats.
        #expect(held.open == 21)
        #expect((held.rssBytes ?? 0) > 0)
        try await daemon.stop()
    }

    @Test func unboundedRunsAreRefused() {
        var configuration = BenchConfiguration(socketPath: "/nonexistent")
        configuration.duration = nil
        configuration.requests = nil
        #expect(throws: BenchError.self) { try configuration.validate() }
    }
}
