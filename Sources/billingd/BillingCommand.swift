import ArgumentParser

/// `billingd`: the daemon and its tools. The command line only; everything else lives in the libraries.
@main
struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billingd",
        abstract: "The billing daemon: plans, subscriptions, credits, payments and usage in SQLite, over JSON-RPC on a Unix socket.",
        subcommands: [Serve.self, Migrate.self, Verify.self, Backup.self, Restore.self, Export.self, PruneUsage.self, Call.self, Metrics.self, Catalog.self, Bench.self],
        defaultSubcommand: Serve.self)
}
