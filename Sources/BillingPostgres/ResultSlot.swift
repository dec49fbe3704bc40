/// A result handed from one closure to its reader: a unit's result, written by its closure on the
/// writer thread and read by its completion on that same thread after COMMIT (a re-run batch
/// overwrites it), or a future's result handed over by a semaphore. Each use is ordered by one
/// thread or one semaphore, hence `@unchecked`.
final class ResultSlot<T>: @unchecked Sendable {
    var value: T?
}
