import NIOCore

/// What the line decoder hands on: one complete line, or the news that a line was too long
/// (its bytes are being discarded up to the next newline).
enum Frame {
    case line(ByteBuffer)
    case tooLong
}
