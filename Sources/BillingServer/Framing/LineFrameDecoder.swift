import NIOCore

/// Splits the byte stream into lines (`\n`, with an optional `\r` before it).
///
///     "{...}\n{..." ──> .line("{...}")   then waits for more
///     <more than maxLineBytes, no "\n"> ──> .tooLong once, then drops bytes through the next "\n"
///     "\n" or "\r\n" alone ──> nothing (empty lines are ignored)
///     "{...}" then EOF ──> .line("{...}") (a last message without its newline is still answered)
///
/// The buffer never holds more than `maxLineBytes` plus one read, whatever a client sends.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = Frame

    let maxLineBytes: Int
    private var discarding = false
    /// Bytes at the front of the buffer already known to hold no newline.
    private var scanned = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        if let newline = view[(view.startIndex + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex
            scanned = 0
            if discarding {
                buffer.moveReaderIndex(forwardBy: length + 1)
                discarding = false
                return .continue
            }
            var line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            emit(&line, context: context)
            return .continue
        }
        if buffer.readableBytes > maxLineBytes {
            if !discarding {
                discarding = true
                context.fireChannelRead(wrapInboundOut(.tooLong))
            }
            buffer.moveReaderIndex(to: buffer.writerIndex)
            scanned = 0
            return .needMoreData
        }
        scanned = buffer.readableBytes
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if seenEOF, !discarding, buffer.readableBytes > 0 {
            var rest = buffer.readSlice(length: buffer.readableBytes)!
            emit(&rest, context: context)
        }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    private func emit(_ line: inout ByteBuffer, context: ChannelHandlerContext) {
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        if line.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        context.fireChannelRead(wrapInboundOut(line.readableBytes > maxLineBytes ? .tooLong : .line(line)))
    }
}
