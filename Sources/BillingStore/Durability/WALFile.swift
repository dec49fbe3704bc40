import BillingCore
import CSQLite

/// The writer connection's open WAL file, as SQLite's own `sqlite3_file` object: syncing through
/// it (its VFS's `xSync`) syncs the very file SQLite appends to, whatever VFS is in use (the
/// power-loss test's shim sees the sync), and it stays the same file for the connection's life.
struct WALFile: @unchecked Sendable {
    // @unchecked: the pointer is only used to call `xSync`, from the syncer thread, while the
    // writer connection that owns the file is open (`Writer.close` stops the syncer first).
    // SQLite's unix VFS syncs with `fdatasync` on the file's descriptor, which is safe next to the
    // writer thread's concurrent `pwrite`s (and checkpoint syncs) on the same descriptor. Its only
    // write to the file object, clearing the one-time "also sync the directory" flag, happens on
    // the first sync, which `DurabilityGate.init` does before the writer and syncer threads start.
    let file: UnsafeMutablePointer<sqlite3_file>

    /// `fdatasync` of the WAL: on return every frame written before the call is on disk.
    func sync() -> Int32 {
        guard let methods = file.pointee.pMethods, let xSync = methods.pointee.xSync else { return SQLITE_MISUSE }
        return xSync(file, SQLITE_SYNC_NORMAL)
    }
}
