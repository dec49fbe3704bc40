import BillingClient
import BillingProtocol
import BillingTesting
import Foundation
import Testing

/// `billingd report` through the real CLI: the numbers on the page are the seed's, from a
/// running daemon and from its store alike (the SQLite file or PostgreSQL, per `TestStore`);
/// the page is self-contained; and a real browser (the distribution's headless Chromium)
/// renders it without console errors to a PNG that is not blank. Set REPORT_EXAMPLE_PNG to a
/// path to keep the screenshot (the README's picture).
@Suite(.serialized) struct ReportCLITests {
    let binary = DaemonProcess.defaultBinary()
    static let range = ["--from", "2026-01-01T00:00:00Z", "--to", "2026-03-01T00:00:00Z"]

    /// A daemon holding `AnalyticsSeed`'s business, and its report written through the socket.
    func seededReport(also: (SocketConnection) throws -> Void = { _ in }) throws -> (daemon: DaemonProcess, path: String, html: String) {
        let daemon = try DaemonProcess.start(binary: binary, arguments: ["--test-clock-start", AnalyticsSeed.start])
        do {
            try AnalyticsSeed.seed(try daemon.connect())
            try also(try daemon.connect())
        } catch {
            daemon.stop()
            daemon.removeFiles()
            throw error
        }
        let path = daemon.directory + "/report.html"
        let made = try CommandResult.run(binary, ["report", "--socket", daemon.socketPath, "--out", path] + Self.range)
        #expect(made.status == 0, "\(made.error)")
        return (daemon, path, try String(contentsOfFile: path, encoding: .utf8))
    }

    /// The cells of the row whose first cells are `prefix`, in the table under heading `caption`.
    static func row(_ html: String, table caption: String, startingWith prefix: [String]) -> [String]? {
        guard let start = html.range(of: "<h3>\(caption)</h3>") else { return nil }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "</table>")?.upperBound ?? rest.endIndex
        for row in rest[..<end].components(separatedBy: "<tr>").dropFirst() {
            let cells = row.components(separatedBy: "</td>").dropLast().map { cell in
                String(cell[(cell.range(of: ">", options: .backwards)?.upperBound ?? cell.startIndex)...])
            }
            if cells.starts(with: prefix) { return cells }
        }
        return nil
    }

    @Test func theReportShowsTheSeedsNumbersFromTheSocketAndFromTheStore() async throws {
        let (daemon, path, html) = try seededReport()
        defer { daemon.removeFiles() }
        #expect(html.contains("Period <strong>2026-01-01T00:00:00.000Z</strong> to <strong>2026-03-01T00:00:00.000Z</strong>"))
        #expect(html.contains("generated 20"))
        #expect(Self.row(html, table: "Revenue per month", startingWith: ["2026-01"]) == ["2026-01", "USD", "4", "164.98", "5.00", "159.98"])
        #expect(Self.row(html, table: "Revenue per month", startingWith: ["2026-02"]) == ["2026-02", "USD", "1", "9.99", "0.00", "9.99"])
        #expect(Self.row(html, table: "Revenue by plan", startingWith: ["annual"]) == ["annual", "USD", "1", "120.00"])
        #expect(Self.row(html, table: "MRR by plan at the end of each month", startingWith: ["2026-01", "pro"]) == ["2026-01", "pro", "USD", "1", "29.99"])
        #expect(Self.row(html, table: "Credits per month", startingWith: ["2026-02"]) == ["2026-02", "0", "2", "1175", "0"])
        #expect(Self.row(html, table: "Subscriptions per month and plan", startingWith: ["2026-02", "pro"]) == ["2026-02", "pro", "0", "0", "1"])
        #expect(Self.row(html, table: "By generation type (response times: nearest-rank percentiles)", startingWith: ["ai_generation"])
            == ["ai_generation", "12", "12", "1000", "0.012000", "400", "900", "1000", "1000", "1000"])
        #expect(Self.row(html, table: "By credits used", startingWith: ["u2"]) == ["u2", "5", "15", "0.050000"])
        // Headline figures: net 159.98 + 9.99; MRR at the end of February 19.98 + 10.00.
        #expect(html.contains("<div class=\"label\">Net revenue</div><div class=\"value\">169.97 USD</div>"))
        #expect(html.contains("<div class=\"label\">MRR at period end</div><div class=\"value\">29.98 USD</div>"))
        #expect(html.contains("<div class=\"label\">Credits used</div><div class=\"value\">27</div>"))
        // Four charts with axes, units and labelled bars.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4)
        #expect(html.contains("<title>2026-01 · Net: 159.98</title>") && html.contains(">USD per month</text>") && html.contains(">credits</text>"))
        // Self-contained: nothing to fetch, nothing to run.
        for forbidden in ["<script", "<link", "src=", "href=", "url(", "@import", "http:", "https:", "<iframe", "<img"] {
            #expect(!html.lowercased().contains(forbidden), "the report contains \(forbidden)")
        }
        #expect(html.contains("@media print"))

        // The same numbers straight from the store (a read snapshot; the daemon may run).
        daemon.stop()
        let fromStore = daemon.directory + "/store.html"
        let made = try CommandResult.run(binary, ["report", "--out", fromStore] + daemon.storeArguments + Self.range)
        #expect(made.status == 0, "\(made.error)")
        func body(_ text: String) -> String { text.components(separatedBy: "</header>").last ?? "" }
        #expect(body(try String(contentsOfFile: fromStore, encoding: .utf8)) == body(html))
        _ = path

        // Bad input is refused without writing anything.
        let bad = try CommandResult.run(binary, ["report", "--out", daemon.directory + "/bad.html", "--from", "2026-03-01T00:00:00Z",
                                                 "--to", "2026-01-01T00:00:00Z"] + daemon.storeArguments)
        #expect(bad.status == 1 && bad.error.contains("invalid_params"))
        #expect(!FileManager.default.fileExists(atPath: daemon.directory + "/bad.html"))
    }

    /// Runs headless Chromium on `page`; returns its stderr (with console messages logged).
    /// The browser binary is started directly (Debian's `/usr/bin/chromium` wrapper adds
    /// extension and GPU flags of its own).
    static func chromium(_ arguments: [String], page: String, directory: String) throws -> (status: Int32, log: String) {
        let browser = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(browser, "Chromium is not installed: scripts/setup installs the Debian package `chromium`")
        // The browser starts with default signal handling, an empty signal mask and umask 022:
        // children inherit these across exec, and this test process's in-process daemons change
        // them (NIO ignores SIGPIPE; `BillingServer` narrows the umask while it binds its socket).
        // Under a concurrent suite's umask of 0177 Chromium cannot use its profile directory and
        // exits before rendering.
        let launcher = "import os, signal, sys\n"
            + "for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE, signal.SIGCHLD):\n"
            + "    signal.signal(s, signal.SIG_DFL)\n"
            + "signal.pthread_sigmask(signal.SIG_SETMASK, [])\n"
            + "os.umask(0o022)\n"
            + "os.execv(sys.argv[1], sys.argv[1:])\n"
        let run = try CommandResult.run("/usr/bin/env", [
            "python3", "-c", launcher, "/usr/bin/timeout", "120", path, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-crash-reporter", "--hide-scrollbars", "--no-first-run", "--force-device-scale-factor=1",
            "--user-data-dir=\(directory)/chromium-profile", "--enable-logging=stderr", "--v=0",
        ] + arguments + ["file://\(page)"])
        return (run.status, run.error + run.output)
    }

    static func consoleMessages(_ log: String) -> [Substring] {
        log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    }

    @Test func chromiumRendersTheReportWithoutConsoleErrors() async throws {
        // A user id that is markup must come out as text, not as an element the browser would load.
        let hostile = "<img src=x onerror=alert(1)>"
        let (daemon, path, html) = try seededReport { c in
            _ = try c.call("credits.grant", ["user_id": .string(hostile), "amount": 5])
            _ = try c.call("credits.consume", ["user_id": .string(hostile), "amount": 1])
        }
        #expect(!html.contains(hostile) && html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        let png = daemon.directory + "/report.png"
        let shot = try Self.chromium(["--window-size=1000,3200", "--screenshot=\(png)"], page: path, directory: daemon.directory)
        #expect(shot.status == 0, "\(shot.log)")
        #expect(Self.consoleMessages(shot.log).isEmpty, "console: \(Self.consoleMessages(shot.log))")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/png_stats.py").path
        let stats = try CommandResult.run("/usr/bin/env", ["python3", script, png])
        let facts = try JSONParser.parse(stats.output)
        #expect(facts["width"] == 1000 && facts["height"] == 3200)
        // A blank page has one colour; text, four charts and tables give hundreds.
        #expect((facts["colors"]?.int64Value ?? 0) > 50, "\(stats.output)")
        guard case .number(let fraction)? = facts["foreground_fraction"] else { Issue.record("no foreground_fraction: \(stats.output)"); return }
        let ink = Double(fraction) ?? 0
        #expect(ink > 0.02, "\(stats.output)")
        // The browser's own DOM has the charts and tables (the page parsed as meant).
        let dom = try Self.chromium(["--dump-dom"], page: path, directory: daemon.directory)
        #expect(dom.log.components(separatedBy: "<svg").count - 1 == 4)
        #expect(dom.log.contains("<td class=\"n\">159.98</td>"))
        if let keep = ProcessInfo.processInfo.environment["REPORT_EXAMPLE_PNG"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: png, toPath: keep)
        }

        // The console check is real: a page that logs an error is caught by the same check.
        let broken = daemon.directory + "/broken.html"
        try "<!DOCTYPE html><p>x</p><script>console.error('broken page')</script>".write(toFile: broken, atomically: true, encoding: .utf8)
        let control = try Self.chromium(["--screenshot=\(daemon.directory)/broken.png"], page: broken, directory: daemon.directory)
        #expect(Self.consoleMessages(control.log).contains { $0.contains("broken page") })
    }
}
