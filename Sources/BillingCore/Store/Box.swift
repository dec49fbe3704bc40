/// A mutable slot handed between threads: a unit's result, written by its closure on the writer
/// thread and read by its completion after the batch is answered (a re-run batch overwrites it),
/// or a future's result handed over by a semaphore. Only safe where a lock, a semaphore or a
/// single owning thread orders every access, which each use site states; hence `@unchecked`.
public final class Box<T>: @unchecked Sendable {
    public var value: T?
    public init() {}
}
