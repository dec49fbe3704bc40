import BillingClient
import BillingProtocol
import BillingTesting
import Testing

/// The stateful edge sequences through the real socket (a bounded run; the long run is the
/// libFuzzer target in `Fuzz/`): the daemon answers every step, never with an internal error,
/// and the books stay exact.
@Suite(.serialized) struct EdgeSocketPropertyTests {
    @Test(arguments: [101, 102, 103, 104] as [UInt64])
    func edgeSequencesThroughTheSocket(seed: UInt64) async throws {
        let daemon = try await TestDaemon.start()
        let connection = try daemon.connect()
        let checker = EdgeChecker { method, params in try connection.call(method, params) }
        var source = SeededChoices(seed: seed)
        do {
            let outcome = try checker.run(&source, steps: 80)
            #expect(outcome.applied > 30, "seed \(seed): \(outcome.applied) applied, refused \(outcome.refused)")
        } catch {
            Issue.record("seed \(seed): \(error)")
        }
        #expect(try connection.call("system.health")["status"] == "ok")
        try await daemon.stop()
    }
}
