import BillingProtocol
import BillingTesting
import Testing

/// The stateful edge sequences (`EdgeSequence`) in-process: random valid requests with values at
/// the 64-bit edges; after every step no internal error, `system.verify` clean, balances equal
/// the ledger and grants, totals add up, the all-users summary answers. A failing seed replays.
@Suite struct EdgePropertyTests {
    @Test(arguments: Array(1...16) as [UInt64])
    func edgeSequencesKeepTheBooks(seed: UInt64) throws {
        let billing = try InProcessBilling()
        let checker = EdgeChecker(call: billing.call)
        var source = SeededChoices(seed: seed)
        do {
            let outcome = try checker.run(&source, steps: 120)
            // The sequences must reach the bounds, not only be refused at the door.
            #expect(outcome.applied > 50, "seed \(seed): \(outcome.applied) applied, refused \(outcome.refused)")
        } catch {
            Issue.record("seed \(seed): \(error)")
        }
    }
}
