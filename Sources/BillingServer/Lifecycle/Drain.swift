/// Sent down each connection's pipeline at shutdown: read no more, answer what is in flight, close.
struct Drain: Sendable {}
