/// How fuzzer bytes become one connection: a 2-byte header picks the line limit and how the
/// stream is cut into socket reads (so lines straddle reads, as they do on a real socket); the
/// rest is the stream itself.
///
///     byte 0: < 0x80 -> the default limit (1 MiB); else (byte & 0x7F) + 1, i.e. 1...128 bytes
///     byte 1: 0 -> one read; else read lengths from a small generator seeded with it
struct FuzzInput {
    static let defaultMaxLineBytes = 1 << 20

    let maxLineBytes: Int
    let reads: [[UInt8]]

    init(_ data: UnsafeBufferPointer<UInt8>) {
        let header = Array(data.prefix(2))
        let stream = Array(data.dropFirst(2))
        let limitByte = header.first ?? 0
        maxLineBytes = limitByte < 0x80 ? Self.defaultMaxLineBytes : Int(limitByte & 0x7F) + 1
        let seed = header.count > 1 ? header[1] : 0
        guard seed != 0 else {
            reads = stream.isEmpty ? [] : [stream]
            return
        }
        var state = UInt32(seed)
        var cuts: [[UInt8]] = []
        var start = 0
        while start < stream.count {
            state = state &* 1_103_515_245 &+ 12345
            let length = 1 + Int((state >> 16) % UInt32(seed < 0x80 ? 16 : 300))
            let end = min(stream.count, start + length)
            cuts.append(Array(stream[start..<end]))
            start = end
        }
        reads = cuts
    }
}
