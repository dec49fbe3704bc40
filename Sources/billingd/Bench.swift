import ArgumentParser
import BillingBench
import BillingClient
import Foundation

/// `billingd bench`: a load generator against a running daemon (issue 5). Bounded: it stops by
/// itself after `--duration` seconds or `--requests` answers, then waits at most `--drain` seconds.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load-test a running daemon: ops/s, p50/p99/p99.9 latency, errors by type and the daemon's RSS.",
        discussion: """
            Mixes: consume (credits.consume amount 1 on --users pre-funded users), get90 (90% credits.get, \
            10% consume), reserve-commit (reserve then commit; two requests per pair), get (credits.get \
            only), health (system.health: no database; measures the transport and this generator).

            With --open-connections N it instead opens N connections, reports the daemon's RSS, and closes \
            them. Point it at a throw-away daemon: it creates users and spends their credits.
            """)

    @Option(help: ArgumentHelp("Unix socket of the daemon (env BILLINGD_SOCKET, default ./billingd.sock).", valueName: "path"))
    var socket: String?

    @Option(name: [.customShort("c"), .long], help: "Connections.")
    var connections: Int = 16

    @Option(name: [.customShort("d"), .long], help: "Requests in flight per connection (1: wait for each answer; 32: pipelined).")
    var depth: Int = 1

    @Option(help: "consume, get90, reserve-commit, get or health.")
    var mix: String = "consume"

    @Option(help: "Measured seconds (after --warmup). Default 5 unless --requests is given.")
    var duration: Double?

    @Option(help: "Stop after this many requests in total.")
    var requests: Int?

    @Option(help: "Seconds of load before measuring.")
    var warmup: Double = 1

    @Option(help: "Distinct users.")
    var users: Int = 10_000

    @Option(name: .customLong("user-prefix"), help: "Prefix of the benchmark's user ids.")
    var userPrefix: String = "bench-u"

    @Flag(name: .customLong("no-fund"), help: "Do not grant credits to the users first.")
    var noFund = false

    @Flag(help: "Give every state change a unique idempotency_key.")
    var idempotency = false

    @Option(help: "Requests per second in total (paced; default: as fast as the answers come back).")
    var rate: Double?

    @Flag(help: "Take the users in turn instead of at random: --requests N --users N touches each user once (one thread).")
    var sweep = false

    @Option(help: "Generator threads (each an epoll loop over a share of the connections).")
    var threads: Int = 1

    @Option(help: "Seconds to wait for outstanding answers after the stop.")
    var drain: Double = 10

    @Option(name: .customLong("daemon-pid"), help: "The daemon's pid: its CPU use is reported too.")
    var daemonPID: Int32?

    @Flag(help: "Print one JSON object instead of a line of text.")
    var json = false

    @Option(name: .customLong("open-connections"), help: "Only open this many connections, report the daemon's RSS, close them.")
    var openConnections: Int?

    @Option(name: .customLong("hold-seconds"), help: "With --open-connections: seconds to hold them before measuring.")
    var holdSeconds: Double = 1

    func run() throws {
        let path = SocketConnection.resolvePath(socket)
        if let openConnections {
            do {
                let held = try BenchRunner.holdConnections(path: path, count: openConnections, seconds: holdSeconds)
                if json {
                    print("{\"open_connections\":\(held.open ?? -1),\"rss_bytes\":\(held.rssBytes ?? -1)}")
                } else {
                    print("\(held.open ?? -1) open connections: daemon RSS \((held.rssBytes ?? -1) / 1024) KiB")
                }
            } catch {
                FileHandle.standardError.write(Data("billingd bench: \(error)\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        guard let mix = BenchConfiguration.Mix(rawValue: mix) else {
            throw ValidationError("unknown --mix \(mix): one of \(BenchConfiguration.Mix.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var configuration = BenchConfiguration(socketPath: path)
        configuration.connections = connections
        configuration.depth = depth
        configuration.mix = mix
        configuration.duration = duration ?? (requests == nil ? 5 : nil)
        configuration.requests = requests
        configuration.warmup = warmup
        configuration.users = users
        configuration.userPrefix = userPrefix
        configuration.fund = !noFund
        configuration.idempotency = idempotency
        configuration.threads = threads
        configuration.rate = rate
        configuration.sweep = sweep
        configuration.drainSeconds = drain
        configuration.daemonPID = daemonPID
        do {
            let report = try BenchRunner.run(configuration) { message in
                if !json { FileHandle.standardError.write(Data("billingd bench: \(message)\n".utf8)) }
            }
            print(json ? report.json.serialized() : report.summary)
        } catch {
            FileHandle.standardError.write(Data("billingd bench: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
