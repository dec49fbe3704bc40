import ArgumentParser
import BillingCore
import BillingOperations
import BillingProtocol
import BillingStore
import Foundation

/// `billingd export usage|payments|audit`: archives rows (oldest first) as JSONL or CSV, from the
/// file directly, safe while a daemon runs (a read snapshot).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export usage rows, payments or the audit log as JSONL or CSV.")

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("What to export: usage, payments or audit.", valueName: "table"))
    var table: String

    @Option(help: "jsonl (one JSON object per line) or csv.")
    var format: String = "jsonl"

    @Option(help: ArgumentHelp("Only rows created at or after this time (RFC 3339).", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("Only rows created before this time (RFC 3339).", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Write here (created 0600) instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard Exporter.Table(rawValue: table) != nil else { throw ValidationError("table must be usage, payments or audit") }
        guard ["jsonl", "csv"].contains(format) else { throw ValidationError("--format must be jsonl or csv") }
        for value in [from, to].compactMap({ $0 }) where Timestamp(rfc3339: value) == nil {
            throw ValidationError("'\(value)' is not an RFC 3339 time")
        }
    }

    func run() throws {
        let table = Exporter.Table(rawValue: table)!
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil, attributes: [.posixPermissions: 0o600]),
                let file = FileHandle(forWritingAtPath: output)
            else { throw ValidationError("cannot create \(output)") }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        var pending = ""
        func emit(_ line: String) {
            pending += line + "\n"
            if pending.utf8.count > 1 << 16 {
                handle.write(Data(pending.utf8))
                pending = ""
            }
        }
        let columns = Exporter.columns(table)
        if format == "csv" { emit(columns.joined(separator: ",")) }
        do {
            let location = try database.location()
            let exported: Void? = try location.read { connection in
                try Exporter.rows(connection, table, from: from.flatMap(Timestamp.init(rfc3339:)), to: to.flatMap(Timestamp.init(rfc3339:))) { row in
                    emit(format == "csv" ? Exporter.csvLine(columns.map { row[$0] ?? .null }) : row.serialized())
                }
            }
            guard exported != nil else { throw ValidationError("no database at \(location.description)") }
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        handle.write(Data(pending.utf8))
    }
}
