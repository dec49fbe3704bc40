import BillingTesting

/// The stateful fuzz target (issue 10): one input is one sequence of valid requests, each byte a
/// choice of `EdgeSequence` (which request, which edge value), run in-process on a fresh
/// database with a test clock. `EdgeChecker` checks after every step that the daemon answered
/// without an internal or envelope error, `system.verify` is clean and each balance equals its
/// ledger; a broken property stops the run with a crash that libFuzzer saves.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSequence(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let billing: InProcessBilling
    do {
        billing = try InProcessBilling()
    } catch {
        fatalError("cannot open a database: \(error)")
    }
    var source = ByteChoices(bytes)
    do {
        _ = try EdgeChecker(call: billing.call).run(&source, steps: 200)
    } catch {
        fatalError("\(error)")
    }
    return 0
}
