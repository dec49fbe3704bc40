import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The file side of an archive: JSONL written in chunks, compressed by the system's `gzip`
/// (always present on Debian; deterministic with `-n`), made durable with fsync (the file,
/// then its directory), and hashed.
enum ArchiveFiles {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes lines to `path` (created 0600, replaced), buffered, then syncs it.
    final class LineWriter {
        private let handle: FileHandle
        private var pending = Data()

        init(path: String) throws {
            unlink(path)
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let handle = FileHandle(forWritingAtPath: path)
            else { throw Failure(description: "cannot create \(path)") }
            self.handle = handle
        }

        func write(_ line: String) throws {
            pending.append(contentsOf: line.utf8)
            pending.append(0x0A)
            if pending.count > 1 << 16 { try flush() }
        }

        private func flush() throws {
            try handle.write(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
        }

        func close() throws {
            try flush()
            try handle.synchronize()
            try handle.close()
        }
    }

    /// `gzip -n` of `path` into `path.gz` (replacing it; the input is removed), then fsync.
    static func compress(_ path: String) throws -> String {
        try run(["gzip", "-n", "-f", "-6", path])
        try sync(path + ".gz")
        return path + ".gz"
    }

    /// The decompressed text of a `.gz` file.
    static func decompress(_ path: String) throws -> Data {
        try run(["gzip", "-d", "-c", path])
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(message)")
        }
        return data
    }

    /// fsync of a file or a directory (a rename is durable once its directory is synced).
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(description: "cannot open \(path) to sync it") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure(description: "fsync \(path) failed: \(String(cString: strerror(errno)))") }
    }

    static func sha256(_ path: String) throws -> (hex: String, bytes: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        return (hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(), bytes)
    }

    /// Writes `text` to `directory/name` atomically: a synced temporary file renamed into place, then the directory synced.
    static func replace(_ directory: String, _ name: String, with text: String) throws {
        let path = directory + "/" + name
        let writer = try LineWriter(path: path + ".partial")
        try writer.write(text)
        try writer.close()
        guard rename(path + ".partial", path) == 0 else { throw Failure(description: "cannot rename \(path).partial") }
        try sync(directory)
    }
}
