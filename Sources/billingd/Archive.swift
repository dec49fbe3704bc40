import ArgumentParser
import BillingCore
import BillingOperations
import BillingProtocol
import BillingStore
import Foundation

/// `billingd archive --before T --out DIR` moves old usage rows and ledger entries into
/// compressed JSONL files with a manifest (the daemon must be stopped; see `Archiver` for the
/// crash-safe order); `billingd archive --check DIR` verifies a manifest and its files.
struct Archive: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move usage rows and ledger entries older than --before into DIR (daemon stopped), or --check DIR.")

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("Archive rows created before this time (RFC 3339).", valueName: "time"))
    var before: String?

    @Option(help: ArgumentHelp("The archive directory (created 0700; one archive per directory).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Verify the manifest and files of this archive directory.", valueName: "dir"))
    var check: String?

    func validate() throws {
        if check != nil {
            guard before == nil, out == nil else { throw ValidationError("--check takes no --before or --out") }
            return
        }
        guard let before, Timestamp(rfc3339: before) != nil else { throw ValidationError("--before must be RFC 3339") }
        guard out != nil else { throw ValidationError("--out DIR is required") }
    }

    func run() throws {
        do {
            if let check {
                let problems = try Archiver.check(directory: check)
                guard problems.isEmpty else {
                    for problem in problems { FileHandle.standardError.write(Data("billingd: \(problem)\n".utf8)) }
                    throw ExitCode(1)
                }
                print("ok: \(check) matches its manifest")
                return
            }
            let cut = Timestamp(rfc3339: before!)!
            let storage = try database.location().open(now: BillingClock.systemNow().milliseconds)
            defer { storage.close() }
            let outcome = try Archiver.archive(storage, before: cut, directory: out!, now: BillingClock.systemNow())
            let problems = try storage.readers.perform { try $0.problems() }
            guard problems.isEmpty else { throw ValidationError("verify after archive: \(problems.prefix(3))") }
            let counts = outcome.manifest.files.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
            print(outcome.deleted ? "archived \(counts) created before \(cut.rfc3339) to \(out!) (\(outcome.manifest.id))"
                                  : "already archived: \(counts) in \(out!) (\(outcome.manifest.id)); files verified")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
