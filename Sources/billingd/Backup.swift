import ArgumentParser
import BillingStore
import Foundation

/// `billingd backup PATH`: a consistent copy through SQLite's online backup, safe while a daemon runs.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy the database consistently to a new file (mode 0600), also while the daemon runs.")

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("Where to write the copy; must not exist yet.", valueName: "path"))
    var path: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("billingd: \(path) already exists\n".utf8))
            throw ExitCode(1)
        }
        do {
            try SQLiteConnection(path: try database.sqlitePath(for: "backup"), mode: .readOnly).backup(to: path)
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print(path)
    }
}
