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

    @Test func pacerSpacesTurnsAndCatchesUp() {
        let start: UInt64 = 5_000_000_000
        var pacer = Pacer(ratePerSecond: 1000, start: start)
        // `take` mutates, so each result is bound before #expect looks at it.
        let first = pacer.take(now: start)
        let tooSoon = pacer.take(now: start)
        #expect(first && !tooSoon, "the second turn is 1 ms after the first")
        #expect(pacer.nextDue == start + 1_000_000)
        let justBefore = pacer.take(now: start + 999_999)
        let onTime = pacer.take(now: start + 1_000_000)
        #expect(!justBefore && onTime)
        // Ten milliseconds late: the turns due by then (at 2, 3, ..., 10 ms) are all allowed at
        // once, and no more, so the average rate holds.
        var caughtUp = 0
        while pacer.take(now: start + 10_000_000) { caughtUp += 1 }
        #expect(caughtUp == 9)
        #expect(pacer.taken == 11)
        #expect(pacer.nextDue == start + 11_000_000)
    }

    @Test func badRatesAndThreadedSweepsAreRefused() {
        for rate in [0, -5, .nan, .infinity, 20_000_000.0] {
            var configuration = BenchConfiguration(socketPath: "/nonexistent")
            configuration.rate = rate
            #expect(throws: BenchError.self) { try configuration.validate() }
        }
        var configuration = BenchConfiguration(socketPath: "/nonexistent")
        configuration.rate = 250
        configuration.sweep = true
        #expect(throws: Never.self) { try configuration.validate() }
        configuration.threads = 2
        #expect(throws: BenchError.self) { try configuration.validate() }
    }

    @Test func pacedSweepTouchesEveryUserOnce() async throws {
        let daemon = try await TestDaemon.start()
        var configuration = BenchConfiguration(socketPath: daemon.socketPath)
        configuration.connections = 3
        configuration.depth = 2
        configuration.mix = .consume
        configuration.duration = nil
        configuration.requests = 30
        configuration.warmup = 0
        configuration.users = 30
        configuration.fundCredits = 500
        configuration.sweep = true
        configuration.rate = 600
        let run = configuration
        let report = try await offPool { try BenchRunner.run(run) }
        #expect(report.requests == 30)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.lost == 0)
        #expect(report.rate == 600)
        for user in 0..<30 {
            let credits = try daemon.call("credits.get", ["user_id": .string("bench-u\(user)")])
            #expect(credits["current_credits"] == 499, "bench-u\(user): \(credits)")
        }
        try await daemon.stop()
    }

    @Test func unboundedRunsAreRefused() {
        var configuration = BenchConfiguration(socketPath: "/nonexistent")
        configuration.duration = nil
        configuration.requests = nil
        #expect(throws: BenchError.self) { try configuration.validate() }
    }
}
