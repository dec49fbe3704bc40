import Foundation

/// What a finished `billingd` command printed and how it exited: for tests of the command line.
public struct CommandResult: Sendable {
    public let status: Int32
    public let output: String
    public let error: String

    /// Runs `binary arguments…` to completion; `environment` replaces these variables of this process's.
    public static func run(_ binary: String, _ arguments: [String], environment: [String: String?] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, output: output, error: error)
    }
}
