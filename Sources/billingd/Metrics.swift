import ArgumentParser
import BillingClient
import BillingProtocol
import Foundation

/// `billingd metrics`: asks the running daemon for `system.metrics` and prints the exposition text,
/// e.g. for node_exporter's textfile collector. Exit codes as `call`: 1 an error answer, 2 no daemon.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the running daemon's Prometheus metrics (text exposition format).",
        discussion: """
            Asks the daemon on --socket for system.metrics: requests, errors and latency by method, \
            connections, the writer's queue, batch sizes and commit latency, webhook outcomes, scheduler \
            runs and failures, memory. With --output the text goes to a temporary file that is then \
            renamed over the target, so node_exporter's textfile collector never reads half a file:

              billingd metrics --output /var/lib/prometheus/node-exporter/billingd.prom

            Exit status: 0 on success; 1 on an error answer or an unwritable file; 2 when no daemon answers.
            """)

    @Option(help: ArgumentHelp("Unix socket of the daemon (env BILLINGD_SOCKET, default ./billingd.sock).", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Write the text to this file atomically (mode 0644) instead of stdout.", valueName: "file"))
    var output: String?

    func run() throws {
        let text: String
        do {
            let connection = try SocketConnection(path: SocketConnection.resolvePath(socket))
            text = try MetricsExposition(wire: connection.call(SystemMetrics.name)).text
        } catch let error as RPCError {
            FileHandle.standardError.write(Data("billingd: error \(error.code.code) \(error.code.type): \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(2)
        }
        guard let output else {
            print(text, terminator: "")
            return
        }
        let temporary = output + ".tmp.\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644]),
              rename(temporary, output) == 0
        else {
            unlink(temporary)
            FileHandle.standardError.write(Data("billingd: cannot write \(output): \(String(cString: strerror(errno)))\n".utf8))
            throw ExitCode(1)
        }
    }
}
