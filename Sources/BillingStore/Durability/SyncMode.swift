/// How an acknowledged state change reaches the disk (`billingd serve --synchronous`).
public enum SyncMode: String, Sendable, CaseIterable {
    /// The default. SQLite runs `synchronous=NORMAL` (its COMMIT does not sync) and the daemon's
    /// syncer thread `fdatasync`s the WAL before any answer that depends on the batch leaves, so
    /// the next batch executes while the previous batch's sync is in flight.
    case pipelined = "PIPELINED"
    /// SQLite's `synchronous=FULL`: COMMIT syncs the WAL and the batch is answered after it (the
    /// behaviour before pipelining; one sync per batch on the writer thread).
    case full = "FULL"
    /// SQLite's `synchronous=EXTRA`: as `full`, and also syncs the directory after deleting files.
    case extra = "EXTRA"

    /// The `PRAGMA synchronous` value of the writer connection.
    var pragma: String {
        switch self {
        case .pipelined: "NORMAL"
        case .full: "FULL"
        case .extra: "EXTRA"
        }
    }
}
