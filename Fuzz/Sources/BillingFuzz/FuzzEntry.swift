import BillingServer

/// The fuzz target (libFuzzer's `LLVMFuzzerTestOneInput`, also usable by any engine that links
/// that symbol): one input is one connection's byte stream (see `FuzzInput`). Every
/// property that fails stops the run with a crash, which libFuzzer saves as `crash-<sha1>`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzInput(UnsafeBufferPointer(start: data, count: size))
    let pieces: [FrameSplitter.Piece]
    do {
        pieces = try FrameSplitter.split(input.reads, maxLineBytes: input.maxLineBytes)
    } catch {
        fatalError("the line decoder threw \(error)")
    }
    let expected = ReferenceFraming.split(input.reads, maxLineBytes: input.maxLineBytes)
    precondition(pieces == expected, "framing differs from the reference: got \(pieces), expected \(expected)")
    for case .line(let line) in pieces {
        DecodingChecks.check(line: line)
    }
    return 0
}
