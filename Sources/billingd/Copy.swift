import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billingd copy --from STORE --to STORE`: moves a stopped store into a new one (SQLite to
/// PostgreSQL and back), then checks both with `verify` and compares them table by table.
struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a stopped store into a new, empty one, then verify and compare both.",
        discussion: """
            STORE is sqlite:PATH (or a path) or postgresql://user[:password]@host[:port]/dbname[?host=/socket/dir]. \
            Stop every daemon on the source first (an SQLite source is locked for the copy). The destination is \
            created and migrated; it must hold nothing but its default plans. The copy commits in one transaction, \
            so a failed copy leaves the destination empty. Exit status: 0 when both stores verify and match, 1 otherwise.
            """)

    @Option(help: ArgumentHelp("The store to copy from.", valueName: "store"))
    var from: String

    @Option(help: ArgumentHelp("The new store to copy into.", valueName: "store"))
    var to: String

    @Option(help: ArgumentHelp("Password file for a PostgreSQL --from.", valueName: "path"))
    var fromPasswordFile: String?

    @Option(help: ArgumentHelp("Password file for a PostgreSQL --to.", valueName: "path"))
    var toPasswordFile: String?

    func run() throws {
        do {
            let source = try StoreLocation(from, passwordFile: fromPasswordFile)
            let destination = try StoreLocation(to, passwordFile: toPasswordFile)
            guard source != destination else { throw ValidationError("--from and --to name the same store") }
            var lock: DatabaseLock?
            if case .sqlite(let path) = source { lock = try DatabaseLock(databasePath: path) }
            defer { lock?.release() }
            let found: Void? = try source.read { sourceSession in
                try copy(from: sourceSession, into: destination, describing: source)
            }
            guard found != nil else { throw ValidationError("no database at \(source.description)") }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func copy(from sourceSession: any Connection, into destination: StoreLocation, describing source: StoreLocation) throws {
        guard try source.migrator.status(sourceSession).pending.isEmpty else {
            throw ValidationError("the source has pending migrations: run `billingd migrate` on it first")
        }
        let target = try destination.open(now: BillingClock.systemNow().milliseconds)
        defer { target.close() }
        // The source session is only ever used by one thread at a time: this one blocks while
        // the destination's writer or reader thread runs the copy with it.
        nonisolated(unsafe) let session = sourceSession
        let copied = try target.writer.performSQL { db in try StoreCopier(from: session, to: db).copy() }
        for (table, rows) in copied { print("copied \(rows) rows of \(table)") }
        var problems = try Verifier.problems(sourceSession).map { "source: \($0)" }
        problems += try target.readers.performSQL { db in
            try Verifier.problems(db).map { "destination: \($0)" } + StoreCopier(from: session, to: db).compare()
        }
        for problem in problems { FileHandle.standardError.write(Data("billingd: \(problem)\n".utf8)) }
        guard problems.isEmpty else { throw ExitCode(1) }
        print("ok: \(destination.description) verifies and matches \(source.description)")
    }
}
