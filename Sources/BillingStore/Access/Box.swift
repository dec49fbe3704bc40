/// A mutable slot handed between threads. Only safe where a lock, a semaphore or a single
/// owning thread orders every access, which each use site states; hence `@unchecked`.
final class Box<T>: @unchecked Sendable {
    var value: T?
    init() {}
}
