/// What the units of one batch may keep in memory instead of writing at once (the domain's
/// fast paths, `Writer.submit(_:fast:hint:completion:)`). The writer drives it: `begin` once the
/// batch's transaction is open, `flush` before any unit that runs its own SQL and before COMMIT,
/// `end` when the transaction is over. A fast unit stages its whole effect here at once or throws
/// before staging anything, so it needs no savepoint; everything it staged reaches the store in
/// a few multi-row statements per batch instead of several statements per request.
///
/// Called only on the writer thread.
public protocol BatchEffects: AnyObject, Sendable {
    /// The batch's transaction is open; `hints` are the hints of its fast units, in order (what
    /// they will touch, for one load of it all: on a shared store, a locking one).
    func begin(_ db: any StoreSession, hints: [any Sendable]) throws

    /// Writes everything staged since the last flush. When it throws, the writer rolls the whole
    /// transaction back and runs the batch again with every unit on its SQL path.
    func flush(_ db: any StoreSession) throws

    /// The transaction committed (`committed`) or was rolled back: whatever is still staged never
    /// happened, and state kept across batches must be as durable as the books. Returns what to
    /// run once a committed batch is durable, before its answers leave (publishing what the
    /// batch made true to readers); the writer drops it for a batch that was rolled back.
    func end(committed: Bool) -> (@Sendable () -> Void)?
}
