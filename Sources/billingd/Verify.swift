import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billingd verify`: the same checks as `system.verify`, on the file, safe while a daemon runs.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check balances against the ledger, totals, foreign keys and SQLite's integrity.",
        discussion: "Prints each problem, or ok. Exit status: 0 when there is none, 1 when there are problems, 2 when the file cannot be read.")

    @OptionGroup var database: DatabaseOption

    func run() throws {
        let problems: [String]
        do {
            let location = try database.location()
            guard let found = try location.read({ connection in
                _ = try Migrator().status(connection)
                return try Verifier.problems(connection)
            }) else { throw ValidationError("no database at \(location.description)") }
            problems = found
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(2)
        }
        for problem in problems { print(problem) }
        guard problems.isEmpty else {
            FileHandle.standardError.write(Data("billingd: \(problems.count) problem(s)\n".utf8))
            throw ExitCode(1)
        }
        print("ok")
    }
}
