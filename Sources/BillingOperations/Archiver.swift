import BillingCore
import BillingProtocol
import Foundation

/// `billingd archive --before T --out DIR`: moves usage rows and ledger entries created before
/// T into `DIR/usage_logs.jsonl.gz` and `DIR/credit_ledger.jsonl.gz` plus `DIR/manifest.json`,
/// with the database locked (the daemon stopped) so nothing changes in between.
///
/// Crash safety, in this order: (1) the files are written, compressed and fsynced; (2) the
/// manifest (row counts, time ranges, SHA-256 per file) is written to a temporary file,
/// fsynced and renamed into place, and the directory fsynced; (3) one transaction checks the
/// row counts again, deletes the rows, keeps every total and records the archive in
/// `archives` and `audit_log`. A crash before (3) commits leaves every row in the database:
/// running the same command again rewrites the files and finishes. After (3), running it again
/// finds the archive recorded and only checks the files. No crash loses a row.
///
/// Totals stay exact: usage rows are added to `usage_pruned` per user (as `prune-usage`
/// does); ledger entries are replaced by one carry-forward entry per grant and kind with
/// their sum (reference `archive:<id>`, created just before T), so every balance, grant,
/// per-kind total and `verify` check adds up as before. This is the one controlled
/// exception to the ledger's append-only trigger: it is dropped and re-created, with its own
/// SQL, inside that transaction.
public enum Archiver {
    public struct Outcome: Sendable {
        public let manifest: ArchiveManifest
        /// False when this directory's archive was already recorded (nothing deleted this time).
        public let deleted: Bool
    }

    static let usageFile = "usage_logs.jsonl"
    static let ledgerFile = "credit_ledger.jsonl"

    public static func archive(_ database: Database, before: Timestamp, directory: String, now: Timestamp) throws -> Outcome {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let manifestPath = directory + "/" + ArchiveManifest.fileName
        var id = IDGenerator.make("arc")
        if let data = FileManager.default.contents(atPath: manifestPath) {
            guard let earlier = (try? JSONParser.parse(String(decoding: data, as: UTF8.self))).flatMap(ArchiveManifest.init(json:)) else {
                throw ArchiveFiles.Failure(description: "\(manifestPath) is not an archive manifest; use an empty directory")
            }
            guard earlier.before == before else {
                throw ArchiveFiles.Failure(description: "\(directory) holds the archive of rows before \(earlier.before.rfc3339); use another directory")
            }
            let recorded = try database.readers.perform { db in
                try db.archives.isRecorded(earlier.id)
            }
            if recorded {
                let problems = try check(directory: directory)
                guard problems.isEmpty else { throw ArchiveFiles.Failure(description: "archive already recorded, but: \(problems.joined(separator: "; "))") }
                return Outcome(manifest: earlier, deleted: false)
            }
            id = earlier.id  // resume the interrupted archive under its id
        }
        // (1) The files, from one read snapshot.
        let files = try database.readers.perform { db in
            [try writeUsage(db, before: before, directory: directory), try writeLedger(db, before: before, directory: directory)]
        }
        // (2) The manifest.
        let manifest = ArchiveManifest(id: id, before: before, createdAt: now, files: files)
        try ArchiveFiles.replace(directory, ArchiveManifest.fileName, with: manifest.json.pretty())
        let manifestSHA = try ArchiveFiles.sha256(manifestPath).hex
        // (3) The rows leave the database, in one transaction.
        try database.writer.perform { db in
            try removeRows(db, manifest, manifestSHA: manifestSHA, directory: directory, now: now)
        }
        return Outcome(manifest: manifest, deleted: true)
    }

    static func writeUsage(_ db: StoreSession, before: Timestamp, directory: String) throws -> ArchiveManifest.File {
        let path = directory + "/" + usageFile
        let writer = try ArchiveFiles.LineWriter(path: path)
        var rows: Int64 = 0
        var first: Timestamp?, last: Timestamp?
        try Exporter.rows(db, .usage, from: nil, to: before) { row in
            let created = row["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
            first = first ?? created
            last = created
            rows += 1
            try writer.write(row.serialized())
        }
        try writer.close()
        return try finish(path, table: "usage_logs", rows: rows, first: first, last: last)
    }

    static func writeLedger(_ db: StoreSession, before: Timestamp, directory: String) throws -> ArchiveManifest.File {
        let path = directory + "/" + ledgerFile
        let writer = try ArchiveFiles.LineWriter(path: path)
        var rows: Int64 = 0
        var first: Timestamp?, last: Timestamp?
        var after: Int64 = 0
        while true {
            let page = try db.archives.ledgerRows(before: before, after: after, limit: 1000)
            for (id, entry) in page {
                let created = entry.at
                first = first.map { min($0, created) } ?? created
                last = last.map { max($0, created) } ?? created
                rows += 1
                try writer.write(JSONValue.object([
                    "id": .int(id), "user_id": .string(entry.user), "grant_id": .int(entry.grantID), "delta": .int(entry.delta),
                    "balance_after": .int(entry.balanceAfter), "kind": .string(entry.kind.rawValue),
                    "reference": entry.reference.map { .string($0) } ?? .null, "created_at": .string(created.rfc3339),
                ]).serialized())
            }
            guard let lastRow = page.last, page.count == 1000 else { break }
            after = lastRow.id
        }
        try writer.close()
        return try finish(path, table: "credit_ledger", rows: rows, first: first, last: last)
    }

    static func finish(_ path: String, table: String, rows: Int64, first: Timestamp?, last: Timestamp?) throws -> ArchiveManifest.File {
        let compressed = try ArchiveFiles.compress(path)
        let (sha, bytes) = try ArchiveFiles.sha256(compressed)
        return ArchiveManifest.File(name: (compressed as NSString).lastPathComponent, table: table, rows: rows, first: first, last: last,
                                    bytes: bytes, sha256: sha)
    }

    /// Step (3): inside the writer's transaction, so all of it commits or none.
    static func removeRows(_ db: StoreSession, _ manifest: ArchiveManifest, manifestSHA: String, directory: String, now: Timestamp) throws {
        let usageRows = manifest.files.first { $0.table == "usage_logs" }?.rows ?? 0
        let ledgerRows = manifest.files.first { $0.table == "credit_ledger" }?.rows ?? 0
        guard try db.archives.counts(before: manifest.before) == (usageRows, ledgerRows)
        else { throw ArchiveFiles.Failure(description: "rows changed since the files were written; nothing was deleted, run the command again") }
        // One carry-forward entry per grant and kind keeps every sum the verifier and the totals use.
        let carried = try db.archives.carryLedgerForward(before: manifest.before, reference: "archive:\(manifest.id)")
        _ = try Retention.pruneUsage(db, before: manifest.before)
        try db.archives.record(id: manifest.id, before: manifest.before, usageRows: usageRows, ledgerRows: ledgerRows,
                               manifestSHA256: manifestSHA, directory: directory, at: now)
        try AuditLog.command(db, "archive", detail: "archived \(usageRows) usage rows and \(ledgerRows) ledger entries created before "
                             + "\(manifest.before.rfc3339) to \(directory) (\(manifest.id), \(carried) carry-forward entries)", at: now)
    }

    /// `billingd archive --check DIR`: every file is there, has its SHA-256, decompresses, and
    /// holds the stated number of JSON rows, all created in the stated range and before the cut.
    public static func check(directory: String) throws -> [String] {
        let manifestPath = directory + "/" + ArchiveManifest.fileName
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return ["\(manifestPath) is missing"] }
        guard let manifest = (try? JSONParser.parse(String(decoding: data, as: UTF8.self))).flatMap(ArchiveManifest.init(json:)) else {
            return ["\(manifestPath) is not a \(ArchiveManifest.format) manifest"]
        }
        var problems: [String] = []
        for file in manifest.files {
            let path = directory + "/" + file.name
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append("\(file.name): missing")
                continue
            }
            let (sha, bytes) = try ArchiveFiles.sha256(path)
            guard sha == file.sha256, bytes == file.bytes else {
                problems.append("\(file.name): SHA-256 \(sha) (\(bytes) bytes) but the manifest says \(file.sha256) (\(file.bytes) bytes)")
                continue
            }
            let text: Data
            do {
                text = try ArchiveFiles.decompress(path)
            } catch {
                problems.append("\(file.name): \(error)")
                continue
            }
            var rows: Int64 = 0
            for line in text.split(separator: 0x0A) {
                rows += 1
                guard let row = try? JSONParser.parse(String(decoding: line, as: UTF8.self)),
                      let created = row["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
                else {
                    problems.append("\(file.name): row \(rows) is not a row with created_at")
                    break
                }
                if created >= manifest.before || file.first.map({ created < $0 }) == true || file.last.map({ created > $0 }) == true {
                    problems.append("\(file.name): row \(rows) created \(created.rfc3339) is outside the manifest's range")
                    break
                }
            }
            if rows != file.rows { problems.append("\(file.name): \(rows) rows but the manifest says \(file.rows)") }
        }
        return problems
    }
}
