import ArgumentParser
import BillingCore
import BillingStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `billingd restore BACKUP`: puts a backup in place of the database. The daemon must be
/// stopped (the database lock proves it); the backup must pass `verify` first; the old WAL
/// is removed so it can never be replayed onto the restored file.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replace the database with a verified backup (daemon stopped).")

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("A file written by `billingd backup` or system.backup; it must verify.", valueName: "backup"))
    var backup: String

    func run() throws {
        let path = try database.sqlitePath(for: "restore")
        do {
            let source = try SQLiteConnection(path: backup, mode: .readOnly)
            _ = try Migrator().status(source)
            let problems = try Verifier.problems(source)
            guard problems.isEmpty else {
                throw ValidationError("the backup does not verify: \(problems.prefix(3).joined(separator: "; "))")
            }
            let lock = try DatabaseLock(databasePath: path)
            defer { lock.release() }
            let staging = path + ".restoring"
            try? FileManager.default.removeItem(atPath: staging)
            try source.backup(to: staging)
            for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
            guard rename(staging, path) == 0 else {
                throw ValidationError("cannot move the restored copy into place: \(String(cString: strerror(errno)))")
            }
            // The restored file records its own restore (migrating it first, as the daemon's start
            // would); `Database` takes the lock itself, so this command's hold ends here.
            lock.release()
            let restored = try SQLiteDatabase(path: path, now: BillingClock.systemNow().milliseconds)
            defer { restored.close() }
            try restored.writer.perform { db in
                try AuditLog.command(db, "restore", detail: "restored from \(backup)", at: BillingClock.systemNow())
            }
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print("restored \(backup) to \(path)")
    }
}
