import BillingTesting
import Testing

/// The command line explains itself: every subcommand has an overview and option help, and the
/// completion scripts the README documents are generated for bash, zsh and fish.
@Suite struct CommandLineHelpTests {
    let binary = DaemonProcess.defaultBinary()
    static let subcommands = ["serve", "migrate", "verify", "backup", "restore", "export", "prune-usage", "report", "archive", "call", "metrics", "catalog", "bench"]

    @Test func topLevelHelpListsEverySubcommandAndCompletion() throws {
        let help = try CommandResult.run(binary, ["--help"])
        #expect(help.status == 0)
        for name in Self.subcommands {
            #expect(help.output.contains("\n  \(name) "), "\(name) missing from billingd --help")
        }
        #expect(help.output.contains("--generate-completion-script"))
    }

    @Test(arguments: subcommands)
    func subcommandHelpHasAnOverviewAndDescribesEveryOption(_ name: String) throws {
        let help = try CommandResult.run(binary, [name, "--help"])
        #expect(help.status == 0, "\(help.error)")
        #expect(help.output.hasPrefix("OVERVIEW: "))
        // An option line is "  --name <value>", its help in the column at 26, on the same line or the next.
        let lines = help.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let helpColumn = String(repeating: " ", count: 26)
        var bare: [String] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("  -") {
            let sameLine = line.count > 26 && line.dropFirst(24).hasPrefix("  ") && line.dropFirst(26).first != " "
            let nextLine = index + 1 < lines.count && lines[index + 1].hasPrefix(helpColumn)
            if !sameLine && !nextLine { bare.append(line) }
        }
        #expect(bare.isEmpty, "options without help in \(name): \(bare)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsCoverTheSubcommands(_ shell: String) throws {
        let script = try CommandResult.run(binary, ["--generate-completion-script", shell])
        #expect(script.status == 0)
        for name in ["serve", "metrics", "call"] {
            #expect(script.output.contains(name), "\(shell) completion lacks \(name)")
        }
        #expect(script.output.contains("log-format"))
    }
}
