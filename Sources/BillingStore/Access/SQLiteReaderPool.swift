import BillingCore
import Dispatch
import Foundation

/// Read-only connections, each on its own serial queue. In WAL mode they read the last
/// committed state and never wait for the writer; nothing here runs on an event loop. An answer
/// leaves only once everything its snapshot may include is durable (`DurabilityGate`), so no
/// reader ever sees a change that a power loss could still take back.
public final class SQLiteReaderPool: ReaderPool, @unchecked Sendable {
    // @unchecked: each `Connection` is used only on its own serial queue; `next` is guarded by `lock`.
    private var readers: [(queue: DispatchQueue, connection: SQLiteConnection)]
    private let lock = NSLock()
    private var next = 0
    private let gate: DurabilityGate

    public init(path: String, count: Int, gate: DurabilityGate) throws {
        self.gate = gate
        readers = try (0..<max(1, count)).map { index in
            (DispatchQueue(label: "billingd-reader-\(index)"), try SQLiteConnection(path: path, mode: .readOnly))
        }
    }

    /// Runs `work` on the next reader and calls `completion` on that reader's queue, or on the
    /// syncer thread when the snapshot holds a batch still being synced.
    public func read<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                                  completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        lock.lock()
        guard !readers.isEmpty else {
            lock.unlock()
            completion(.failure(WriterError.closed))
            return
        }
        let reader = readers[next % readers.count]
        next &+= 1
        lock.unlock()
        nonisolated(unsafe) let connection = reader.connection
        let gate = gate
        reader.queue.async {
            let result = Result { try connection.transactionRead(work) }
            // Read after the snapshot was taken: at least the newest batch it can contain.
            gate.whenDurable(gate.visibleBatch) { completion(result) }
        }
    }

    /// Lets running reads finish, then closes every read connection; later reads fail with `.closed`.
    public func close() {
        lock.lock()
        let closing = readers
        readers = []
        lock.unlock()
        for reader in closing { reader.queue.sync {} }
    }
}

extension SQLiteConnection {
    /// Several statements that must see one snapshot run inside one read transaction.
    func transactionRead<T>(_ work: (any Connection) throws -> T) throws -> T {
        try run("BEGIN")
        defer { _ = try? run("COMMIT") }
        return try work(self)
    }
}
