import BillingServer

/// A byte-at-a-time model of CONTRACT section 1 framing, written for clarity rather than speed,
/// that the real decoder must match exactly: lines end at `\n` (one `\r` before it is dropped),
/// blank lines vanish, a line whose bytes exceed the limit (checked at the end of each read, and
/// for a whole line) is reported once as too long and skipped through its `\n`, and an
/// unterminated last line is still delivered at EOF.
enum ReferenceFraming {
    static func split(_ reads: [[UInt8]], maxLineBytes: Int) -> [FrameSplitter.Piece] {
        var pieces: [FrameSplitter.Piece] = []
        var pending: [UInt8] = []
        var discarding = false
        func finishLine() {
            var line = pending[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            pieces.append(line.count > maxLineBytes ? .tooLong : .line(Array(line)))
        }
        for read in reads {
            for byte in read {
                if byte == UInt8(ascii: "\n") {
                    if !discarding { finishLine() }
                    pending = []
                    discarding = false
                } else if !discarding {
                    pending.append(byte)
                }
            }
            if !discarding, pending.count > maxLineBytes {
                pieces.append(.tooLong)
                discarding = true
                pending = []
            }
        }
        if !discarding, !pending.isEmpty { finishLine() }
        return pieces
    }
}
