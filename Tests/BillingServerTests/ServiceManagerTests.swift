import BillingClient
import BillingServer
import BillingTesting
import Foundation
import Testing

/// What systemd relies on, without systemd: a listening socket passed in (socket activation)
/// and the `READY=1` / `STOPPING=1` notifications, in-process and from the real `billingd`.
/// (scripts/test also runs `systemd-socket-activate` itself: Tests/python/test_systemd.py.)
@Suite(.serialized) struct ServiceManagerTests {
    @Test func servesAPassedInSocketNotifiesAndLeavesTheSocketFile() async throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let listener = try TestSockets.listening(at: directory + "/b.sock")
        let notifications = try TestSockets.datagram(at: directory + "/notify")
        defer { close(notifications) }
        let activation = try SocketActivation(adopting: listener, name: "billingd.socket")
        #expect(activation.path == directory + "/b.sock")
        var options = TestDaemon.Options()
        options.directory = directory
        options.configure = {
            $0.activation = activation
            $0.notifier = ServiceNotifier(socketPath: directory + "/notify")
        }
        let daemon = try await TestDaemon.start(options)
        #expect(TestSockets.receive(notifications)?.split(separator: "\n").first == "READY=1")
        #expect(try daemon.call("system.health")["status"] == "ok")
        try await daemon.stop(keepFiles: true)
        #expect(TestSockets.receive(notifications)?.split(separator: "\n").first == "STOPPING=1")
        // The socket unit owns the file: the daemon neither created it nor removes it.
        #expect(FileManager.default.fileExists(atPath: directory + "/b.sock"))
    }

    @Test func activationIsOnlyForThisProcessAndExactlyOneSocket() throws {
        let me = getpid()
        #expect(try SocketActivation.fromEnvironment([:]) == nil)
        // Inherited from a parent that was activated: not ours.
        #expect(try SocketActivation.fromEnvironment(["LISTEN_FDS": "1", "LISTEN_PID": "\(me + 1)"]) == nil)
        #expect(throws: SocketActivation.Invalid.self) { try SocketActivation.fromEnvironment(["LISTEN_FDS": "2", "LISTEN_PID": "\(me)"]) }
        #expect(throws: SocketActivation.Invalid.self) { try SocketActivation.fromEnvironment(["LISTEN_FDS": "0", "LISTEN_PID": "\(me)"]) }
    }

    @Test func onlyAListeningUnixStreamSocketIsAdopted() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let datagram = try TestSockets.datagram(at: directory + "/d")
        defer { close(datagram) }
        #expect(throws: SocketActivation.Invalid.self) { try SocketActivation(adopting: datagram) }
        let file = open(directory + "/plain", O_CREAT | O_RDWR, 0o600)
        defer { close(file) }
        #expect(throws: SocketActivation.Invalid.self) { try SocketActivation(adopting: file) }
        let notListening = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(notListening) }
        #expect(throws: SocketActivation.Invalid.self) { try SocketActivation(adopting: notListening) }
        let abstract = try TestSockets.listening(at: "@billingd-test-\(UUID().uuidString.prefix(8))")
        defer { close(abstract) }
        #expect(try SocketActivation(adopting: abstract).path.hasPrefix("@billingd-test-"))
    }

    @Test func notifiesPathAndAbstractSocketsAndRefusesOthers() throws {
        let name = "@billingd-notify-\(UUID().uuidString.prefix(8))"
        let receiver = try TestSockets.datagram(at: name)
        defer { close(receiver) }
        let notifier = try #require(ServiceNotifier(environment: ["NOTIFY_SOCKET": name]))
        try notifier.notify("READY=1\nSTATUS=serving")
        #expect(TestSockets.receive(receiver) == "READY=1\nSTATUS=serving")
        #expect(ServiceNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
        #expect(ServiceNotifier(environment: [:]) == nil)
        #expect(throws: ServiceNotifier.Failure.self) { try ServiceNotifier(socketPath: "relative/notify").notify("READY=1") }
        #expect(throws: ServiceNotifier.Failure.self) { try ServiceNotifier(socketPath: "@billingd-nobody-listens").notify("READY=1") }
    }

    @Test func theRealDaemonNotifiesReadyThenStopping() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = "@billingd-notify-\(UUID().uuidString.prefix(8))"
        let receiver = try TestSockets.datagram(at: name)
        defer { close(receiver) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonProcess.defaultBinary())
        process.arguments = ["serve", "--socket", directory + "/b.sock", "--db", directory + "/b.sqlite3", "--log-level", "warning"]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": name]) { _, new in new }
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = TestSockets.receive(receiver)
        #expect(ready?.split(separator: "\n").first == "READY=1")
        // READY=1 comes once the socket is served, never before.
        #expect(try SocketConnection(path: directory + "/b.sock").call("system.health")["status"] == "ok")
        kill(process.processIdentifier, SIGTERM)
        #expect(TestSockets.receive(receiver)?.split(separator: "\n").first == "STOPPING=1")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
