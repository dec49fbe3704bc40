/// A unit's result, written by its closure on the writer thread and read by its completion on
/// that same thread after COMMIT; a re-run batch overwrites it. One thread, hence `@unchecked`.
final class ResultSlot<T>: @unchecked Sendable {
    var value: T?
}
