import NIOCore
import NIOEmbedded

/// Runs bytes through the exact framing a connection uses (`ByteToMessageHandler` around
/// `LineFrameDecoder`) on an `EmbeddedChannel`, with no socket and no daemon. It exists so the
/// libFuzzer target in `Fuzz/` and unit tests can drive the real decoder read by read, through
/// the client's EOF, while the decoder itself stays internal.
public enum FrameSplitter {
    /// What the decoder handed on: one line (without `\r\n`), or "a line was too long".
    public enum Piece: Sendable, Equatable {
        case line([UInt8])
        case tooLong
    }

    /// Feeds each element of `reads` as one socket read, then delivers EOF the way the server
    /// sees it (`inputClosed`, since connections allow half-closure, then channel close).
    public static func split(_ reads: [[UInt8]], maxLineBytes: Int) throws -> [Piece] {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLineBytes: maxLineBytes)))
        var pieces: [Piece] = []
        func drain() throws {
            while let frame = try channel.readInbound(as: Frame.self) {
                switch frame {
                case .line(let buffer): pieces.append(.line(Array(buffer.readableBytesView)))
                case .tooLong: pieces.append(.tooLong)
                }
            }
        }
        for read in reads {
            try channel.writeInbound(channel.allocator.buffer(bytes: read))
            try drain()
        }
        channel.pipeline.syncOperations.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        try channel.throwIfErrorCaught()
        try drain()
        _ = try channel.finish()
        try drain()
        return pieces
    }
}
