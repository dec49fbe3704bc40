import Foundation

/// Copies the WAL into the database file mostly off the writer thread. SQLite's automatic
/// checkpoint copies every frame inside a COMMIT, so the writer, and every request queued
/// behind it, waits for the whole copy. Here, once the WAL has grown by `threshold` frames:
/// 1. the checkpointer's own thread and connection run a PASSIVE checkpoint beside the writer,
///    copying every frame committed so far (the bulk) and syncing the database file;
/// 2. then the writer, before its next batch (`finishIfDue`), runs a PASSIVE checkpoint on its
///    own connection, which copies only the frames committed meanwhile. The WAL is then fully
///    copied, so the writer's next transaction starts it over from the beginning (unless a
///    reader still reads from it; the next cycle then does).
/// Step 2 is what keeps the WAL bounded: a passive checkpoint beside a writer that never pauses
/// never copies the last frames, and the WAL would only grow (measured: 2.4 GB in 20 s).
/// SQLite syncs the WAL before copying and the database file after, as in an automatic
/// checkpoint, so durability is the same.
final class Checkpointer: @unchecked Sendable {
    // @unchecked: `phase` and `closing` are only touched under `condition`; `connection` only on
    // the checkpointer's thread (dropped by `close()` after it has finished); `cycleStart` only on
    // the writer thread (its WAL hook and `finishIfDue`).

    private enum Phase {
        case idle
        /// The checkpointer thread is to copy, or is copying, the bulk.
        case copying
        /// The bulk is copied: the writer finishes before its next batch.
        case finishing
    }

    /// WAL frames of growth after which a cycle starts.
    let threshold: Int32
    private var connection: SQLiteConnection?
    private let condition = NSCondition()
    private var phase = Phase.idle
    private var closing = false
    /// The WAL's frame count when the last cycle finished (0 once the WAL started over).
    private var cycleStart: Int32 = 0
    private let finished = DispatchSemaphore(value: 0)

    init(path: String, synchronous: String, threshold: Int) throws {
        let connection = try SQLiteConnection(path: path, mode: .readWrite, synchronous: synchronous)
        try connection.execute("PRAGMA wal_autocheckpoint = 0")
        self.connection = connection
        self.threshold = Int32(clamping: max(1, threshold))
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "billingd-checkpoint"
        thread.start()
    }

    /// The WAL holds `frames` frames after a commit (the writer's WAL hook, on the writer thread).
    func walGrew(frames: Int32) {
        if frames < cycleStart { cycleStart = 0 }  // the WAL started over
        guard frames - cycleStart >= threshold else { return }
        condition.lock()
        if phase == .idle && !closing {
            phase = .copying
            condition.signal()
        }
        condition.unlock()
    }

    /// On the writer thread, between two batches: when the checkpointer has copied the bulk,
    /// copies the rest on the writer's `connection`, so the next transaction starts the WAL over.
    func finishIfDue(_ connection: SQLiteConnection) {
        condition.lock()
        let due = phase == .finishing
        condition.unlock()
        guard due else { return }
        // SQLITE_BUSY only means "in a later cycle"; the WAL keeps everything until then.
        let row = try? connection.queryOne("PRAGMA wal_checkpoint(PASSIVE)", [])
        if case .integer(let frames)? = row?[1] { cycleStart = Int32(clamping: frames) }
        condition.lock()
        phase = .idle
        condition.unlock()
    }

    /// Stops the thread (after a copy in progress) and closes its connection.
    func close() {
        condition.lock()
        let wasClosing = closing
        closing = true
        condition.signal()
        condition.unlock()
        guard !wasClosing else { return }
        finished.wait()
        connection = nil
    }

    private func loop() {
        while true {
            condition.lock()
            while phase != .copying && !closing { condition.wait() }
            let stop = closing
            condition.unlock()
            if stop { break }
            _ = try? connection?.execute("PRAGMA wal_checkpoint(PASSIVE)")
            condition.lock()
            phase = .finishing
            condition.unlock()
        }
        finished.signal()
    }
}
