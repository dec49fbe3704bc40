import BillingCore
import BillingProtocol

/// `manifest.json` of an archive directory: what each compressed JSONL file holds (table, row
/// count, time range) and its SHA-256, so `billingd archive --check` can prove the files are
/// whole without the database.
public struct ArchiveManifest: Sendable, Equatable {
    public static let format = "billingd-archive-1"
    public static let fileName = "manifest.json"

    public struct File: Sendable, Equatable {
        public let name: String
        public let table: String
        public let rows: Int64
        /// `created_at` of the oldest and newest row; nil when the file is empty.
        public let first: Timestamp?
        public let last: Timestamp?
        public let bytes: Int64
        public let sha256: String

        var json: JSONValue {
            .object(["name": .string(name), "table": .string(table), "rows": .int(rows),
                     "first_created_at": first.map { .string($0.rfc3339) } ?? .null, "last_created_at": last.map { .string($0.rfc3339) } ?? .null,
                     "bytes": .int(bytes), "sha256": .string(sha256)])
        }

        init(name: String, table: String, rows: Int64, first: Timestamp?, last: Timestamp?, bytes: Int64, sha256: String) {
            self.name = name
            self.table = table
            self.rows = rows
            self.first = first
            self.last = last
            self.bytes = bytes
            self.sha256 = sha256
        }

        init?(json: JSONValue) {
            guard let name = json["name"]?.stringValue, !name.contains("/"), let table = json["table"]?.stringValue,
                  let rows = json["rows"]?.int64Value, let bytes = json["bytes"]?.int64Value, let sha = json["sha256"]?.stringValue
            else { return nil }
            self.init(name: name, table: table, rows: rows, first: json["first_created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)),
                      last: json["last_created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)), bytes: bytes, sha256: sha)
        }
    }

    public let id: String
    /// Rows created before this instant were archived.
    public let before: Timestamp
    public let createdAt: Timestamp
    public let files: [File]

    public var json: JSONValue {
        .object(["format": .string(Self.format), "id": .string(id), "before": .string(before.rfc3339),
                 "created_at": .string(createdAt.rfc3339), "files": .array(files.map(\.json))])
    }

    init(id: String, before: Timestamp, createdAt: Timestamp, files: [File]) {
        self.id = id
        self.before = before
        self.createdAt = createdAt
        self.files = files
    }

    public init?(json: JSONValue) {
        guard json["format"]?.stringValue == Self.format, let id = json["id"]?.stringValue,
              let before = json["before"]?.stringValue.flatMap(Timestamp.init(rfc3339:)),
              let created = json["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)),
              let files = json["files"]?.arrayValue?.map(File.init(json:)), !files.contains(where: { $0 == nil })
        else { return nil }
        self.init(id: id, before: before, createdAt: created, files: files.compactMap { $0 })
    }
}
