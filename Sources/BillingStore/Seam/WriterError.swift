/// Why a writer refused a unit of work without running it.
public enum WriterError: Error, Sendable {
    /// More than the queue limit of requests are waiting.
    case overloaded
    /// The writer is closing or closed.
    case closed
    /// The request waited in the queue longer than its limit and was dropped unrun.
    case queueTimeout
}
