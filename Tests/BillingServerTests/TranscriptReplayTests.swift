import BillingClient
import BillingProtocol
import BillingTesting
import Foundation
import Testing

/// Replays every `Protocol/transcripts/*.jsonl` against a fresh daemon, with the matching
/// rules of `Protocol/transcripts/README.md`, so the documented examples cannot drift.
@Suite(.serialized) struct TranscriptReplayTests {
    static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Protocol/transcripts")
    }()

    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".jsonl") }.sorted()

    @Test func thereAreTranscripts() {
        #expect(Self.files.count >= 7)
    }

    @Test(arguments: files)
    func replay(_ file: String) async throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        for (number, line) in text.split(separator: "\n").enumerated() {
            let step = try JSONParser.parse(String(line))
            let send = try #require(step["send"]?.stringValue, "\(file):\(number + 1) has no send")
            try c.send(line: send)
            let expected = step["expect"] ?? .null
            // A step without an answer is proved by the next answer being the next step's.
            if expected == .null { continue }
            let actual = try c.readJSON()
            #expect(Self.matches(expected, actual), "\(file):\(number + 1)\n  sent     \(send)\n  expected \(expected.serialized())\n  got      \(actual.serialized())")
        }
        try c.send(line: #"{"jsonrpc":"2.0","id":"end-of-transcript","method":"system.health"}"#)
        #expect(try c.readJSON()["id"] == "end-of-transcript", "\(file): an unexpected answer arrived")
        try await daemon.stop()
    }

    static func matches(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        switch expected {
        case .string("<any>"): return true
        case .string("<string>"): return actual.stringValue != nil
        case .string("<number>"): if case .number = actual { return true } else { return false }
        case .object(let members):
            guard case .object(let other) = actual else { return false }
            return members.allSatisfy { member in other[member.key].map { matches(member.value, $0) } ?? false }
        case .array(let elements):
            guard case .array(let others) = actual, others.count == elements.count else { return false }
            return zip(elements, others).allSatisfy { matches($0, $1) }
        default:
            return expected == actual
        }
    }
}
