import BillingServer
import Testing

/// CONTRACT section 1 framing, checked on the real decoder without a socket (the same entry
/// point the libFuzzer target in `Fuzz/` uses).
@Suite struct FrameSplitterTests {
    func split(_ reads: [String], max: Int = 1 << 20) throws -> [FrameSplitter.Piece] {
        try FrameSplitter.split(reads.map { Array($0.utf8) }, maxLineBytes: max)
    }

    func line(_ text: String) -> FrameSplitter.Piece { .line(Array(text.utf8)) }

    @Test func linesCRLFAndEmptyLines() throws {
        #expect(try split(["a\nb\r\n\n\r\n \t\nc\n"]) == [line("a"), line("b"), line("c")])
    }

    @Test func aLineSplitAcrossReadsIsJoined() throws {
        #expect(try split(["{\"id\"", ":1", "}\r", "\n{}\n"]) == [line("{\"id\":1}"), line("{}")])
    }

    @Test func anUnterminatedLastLineIsDeliveredAtEOF() throws {
        #expect(try split(["a\nlast"]) == [line("a"), line("last")])
    }

    @Test func aLongLineIsReportedOnceAndTheConnectionGoesOn() throws {
        #expect(try split(["12345", "6789", "0\nok\n"], max: 4) == [.tooLong, line("ok")])
        #expect(try split(["123456\nok\n"], max: 4) == [.tooLong, line("ok")])
    }

    @Test func aLongUnterminatedLineAtEOFIsTooLongNotALine() throws {
        #expect(try split(["ok\n123456"], max: 4) == [line("ok"), .tooLong])
    }
}
