import ArgumentParser

/// `billingd`: the daemon and its tools. The command line only; everything else lives in the libraries.
@main
struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billingd",
        abstract: "The billing daemon: plans, subscriptions, credits, payments and usage in SQLite, over JSON-RPC on a Unix socket.",
        discussion: """
            `billingd serve` (the default) runs the daemon. call, metrics and bench talk to a running daemon \
            over its socket. verify, backup, export and migrate --status read the database file, also while \
            the daemon runs; migrate, restore, prune-usage and archive change it and need the daemon stopped. \
            report reads a running daemon (--socket) or the file. catalog prints the method catalog.

            Paths: --socket (env BILLINGD_SOCKET, default ./billingd.sock), --db (env BILLINGD_DB, default \
            ./billing.sqlite3). Shell completion: billingd --generate-completion-script bash|zsh|fish.
            """,
        subcommands: [Serve.self, Migrate.self, Verify.self, Backup.self, Restore.self, Export.self, PruneUsage.self, ReportCommand.self,
                      Archive.self, Copy.self, Call.self, Metrics.self, Catalog.self, Bench.self],
        defaultSubcommand: Serve.self)
}
