import CSQLite

extension SQLiteConnection {
    /// The WAL file SQLite writes for this (read-write, WAL-mode) connection. SQLite opens it
    /// with the first transaction, so call this after one (the migrator has run one).
    func walFile() throws(SQLiteError) -> WALFile {
        guard try queryOne("PRAGMA journal_mode", [])?[0] == .text("wal") else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "the database is not in WAL mode")
        }
        var pointer: UnsafeMutablePointer<sqlite3_file>?
        let rc = sqlite3_file_control(handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &pointer)
        guard rc == SQLITE_OK, let pointer, pointer.pointee.pMethods != nil else {
            throw SQLiteError(code: rc == SQLITE_OK ? SQLITE_MISUSE : rc, message: "cannot reach the open WAL file")
        }
        return WALFile(file: pointer)
    }

    /// With `true`, SQLite never deletes the `-wal` file while this connection is open (the
    /// syncer keeps syncing the same file); `false` before the last close lets the clean
    /// shutdown checkpoint and delete it as usual.
    func setPersistentWAL(_ on: Bool) throws(SQLiteError) {
        var flag: Int32 = on ? 1 : 0
        let rc = sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &flag)
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: "cannot set persistent WAL") }
    }
}

extension SQLiteConnection {
    /// Calls `checkpointer.walGrew` after every commit with the WAL's frame count, instead of
    /// SQLite's automatic checkpoint (which this replaces). Set before the connection is used
    /// on its thread; `checkpointer` must outlive the connection's use.
    func reportWALGrowth(to checkpointer: Checkpointer) {
        sqlite3_wal_hook(handle, { context, _, _, frames in
            Unmanaged<Checkpointer>.fromOpaque(context!).takeUnretainedValue().walGrew(frames: frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(checkpointer).toOpaque())
    }
}
