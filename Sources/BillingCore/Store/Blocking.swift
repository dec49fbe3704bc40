import Dispatch

/// Waits on the calling thread for a callback-style operation: for start-up, CLI commands and
/// tests, never for an event loop.
public enum Blocking {
    public static func wait<T>(_ start: (@escaping @Sendable (Result<T, any Error>) -> Void) -> Void) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = Box<Result<T, any Error>>()  // handed over by the semaphore
        start { result in
            box.value = result
            done.signal()
        }
        done.wait()
        return try box.value!.get()
    }
}
