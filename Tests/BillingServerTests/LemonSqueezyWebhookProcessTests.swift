import BillingClient
import BillingProtocol
import BillingTesting
import Foundation
import Testing

/// `billingd serve` reading the Lemon Squeezy secret: `--lemonsqueezy-secret-file` (trailing
/// newline trimmed) or env `LEMONSQUEEZY_WEBHOOK_SECRET`; the secret never reaches the log.
@Suite(.serialized) struct LemonSqueezyWebhookProcessTests {
    let binary = DaemonProcess.defaultBinary()

    func deliverCreated(_ daemon: DaemonProcess, signedWith secret: String) throws -> JSONValue {
        let payload = LemonSqueezyFixtures.Subscription().payload("subscription_created")
        let c = try daemon.connect()
        _ = try c.call("plans.upsert", ["id": "basic", "name": "Basic", "price": "9.99", "lemon_squeezy_variant_id": "101"])
        return try c.call("webhooks.lemonsqueezy", [
            "payload": .string(payload), "signature": .string(LemonSqueezyFixtures.sign(payload, secret: secret)),
        ])
    }

    @Test func theSecretFileSignsWebhooksAndIsNeverLogged() throws {
        let directory = try TemporaryDirectory.make()
        let secret = "file-secret-\(UUID().uuidString)"
        let path = directory + "/ls.secret"
        #expect(FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]))
        let daemon = try DaemonProcess.start(binary: binary, directory: directory,
                                             arguments: ["--lemonsqueezy-secret-file", path, "--log-level", "info"])
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        #expect(try deliverCreated(daemon, signedWith: secret)["outcome"] == "applied")
        #expect(throws: RPCError.self) { try deliverCreated(daemon, signedWith: secret + "\n") }
        #expect(daemon.stop() == 0)
        #expect(daemon.stderr.contains("Lemon Squeezy webhooks enabled"))
        #expect(!daemon.stderr.contains(secret))
    }

    @Test func theEnvironmentVariableIsTheFallback() throws {
        let secret = "env-secret-\(UUID().uuidString)"
        setenv("LEMONSQUEEZY_WEBHOOK_SECRET", secret, 1)
        let started = Result { try DaemonProcess(binary: binary) }
        unsetenv("LEMONSQUEEZY_WEBHOOK_SECRET")
        let daemon = try started.get()
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        try daemon.waitUntilServing()
        #expect(try deliverCreated(daemon, signedWith: secret)["outcome"] == "applied")
    }

    @Test func anUnreadableOrEmptySecretFileStopsTheStart() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let empty = directory + "/empty.secret"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data("\n".utf8)))
        for (file, message) in [(directory + "/missing.secret", "cannot read"), (empty, "is empty")] {
            let daemon = try DaemonProcess(binary: binary, directory: directory, socketPath: directory + "/x.sock",
                                           arguments: ["--lemonsqueezy-secret-file", file])
            daemon.process.waitUntilExit()
            #expect(daemon.process.terminationStatus == 1)
            #expect(daemon.stderr.contains(message), "\(daemon.stderr)")
        }
    }
}
