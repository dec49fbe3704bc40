import ArgumentParser
import BillingClient
import BillingCore
import BillingProtocol
import BillingStore
import Foundation

/// `billingd report --from T --to T --out report.html`: the analytics of a range as one
/// self-contained HTML page (inline CSS and SVG charts, no script, nothing fetched), from a
/// running daemon (`--socket`) or straight from the database file (a read snapshot).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write an HTML analytics report of [--from, --to) (from --socket, or the --db file).")

    @Option(help: ArgumentHelp("Start of the range, inclusive (RFC 3339).", valueName: "time"))
    var from: String

    @Option(help: ArgumentHelp("End of the range, exclusive (RFC 3339).", valueName: "time"))
    var to: String

    @Option(help: ArgumentHelp("The HTML file to write (created 0600, replaced atomically).", valueName: "file"))
    var out: String

    @Option(name: .customLong("group-by"), help: ArgumentHelp("Time buckets: day, week or month.", valueName: "unit"))
    var groupBy: String = "month"

    @Option(help: ArgumentHelp("Ask the daemon on this socket instead of reading the database file.", valueName: "path"))
    var socket: String?

    @OptionGroup var database: DatabaseOption

    func validate() throws {
        for value in [from, to] where Timestamp(rfc3339: value) == nil { throw ValidationError("'\(value)' is not an RFC 3339 time") }
        guard Granularity(rawValue: groupBy) != nil else { throw ValidationError("--group-by must be day, week or month") }
        guard socket == nil || !database.isExplicit else { throw ValidationError("give --socket or --db/--database, not both") }
    }

    func run() throws {
        let start = Timestamp(rfc3339: from)!, end = Timestamp(rfc3339: to)!
        do {
            let report: Report
            if let socket {
                let connection = try SocketConnection(path: SocketConnection.resolvePath(socket))
                report = try Report.gather(from: start, to: end, groupBy: Granularity(rawValue: groupBy)!, source: "daemon at \(socket)",
                                           generatedAt: BillingClock.systemNow(), caller: connection)
            } else {
                let location = try database.location()
                guard let gathered = try location.read({ connection in
                    try Report.gather(from: start, to: end, groupBy: Granularity(rawValue: groupBy)!, source: "database \(location.description)",
                                      generatedAt: BillingClock.systemNow(), caller: DatabaseAnalytics(connection))
                }) else { throw ValidationError("no database at \(location.description)") }
                report = gathered
            }
            try write(report.html)
            print("wrote \(out) (\(start.rfc3339) to \(end.rfc3339), by \(groupBy))")
        } catch let error as RPCError {
            FileHandle.standardError.write(Data("billingd: error \(error.code.code) \(error.code.type): \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Writes next to `out`, syncs, then renames: a reader never sees half a report.
    private func write(_ html: String) throws {
        let staging = out + ".partial"
        guard FileManager.default.createFile(atPath: staging, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: staging)
        else { throw ValidationError("cannot create \(staging)") }
        try handle.write(contentsOf: Data(html.utf8))
        try handle.synchronize()
        try handle.close()
        guard rename(staging, out) == 0 else { throw ValidationError("cannot move the report to \(out)") }
    }
}
