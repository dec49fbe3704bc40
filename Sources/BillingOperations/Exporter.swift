import BillingCore
import BillingProtocol

/// Streams usage rows, payments or the audit log, oldest first, as the API shows them: for archiving to
/// JSONL or CSV without loading a whole table into memory.
public enum Exporter {
    public enum Table: String, CaseIterable, Sendable {
        case usage, payments, audit
    }

    /// The CSV header: the API object's member names, in order.
    public static func columns(_ table: Table) -> [String] {
        switch table {
        case .usage: MethodCatalog.usageRowFields
        case .payments: Payment.fields.map(\.0)
        case .audit: AuditEntry.fields.map(\.0)
        }
    }

    public static func rows(_ db: StoreSession, _ table: Table, from: Timestamp?, to: Timestamp?, each: (JSONValue) throws -> Void) throws {
        if table == .audit { return try AuditLog.rows(db, from: from, to: to) { try each($0.wire) } }
        var after: ListPosition? = nil
        while true {
            let page: [(json: JSONValue, time: Timestamp, id: String)]
            if table == .usage {
                page = try db.usage.range(from: from, to: to, after: after, limit: 1000).map { ($0.wire, $0.createdAt, $0.usageID) }
            } else {
                page = try db.payments.range(from: from, to: to, after: after, limit: 1000).map { ($0.wire, $0.createdAt, $0.id) }
            }
            for row in page { try each(row.json) }
            guard let last = page.last, page.count == 1000 else { return }
            after = ListPosition(time: last.time.milliseconds, id: last.id)
        }
    }

    /// One CSV line (RFC 4180 quoting); objects and arrays are written as JSON text.
    public static func csvLine(_ values: [JSONValue]) -> String {
        values.map { value -> String in
            let text: String
            switch value {
            case .null: return ""
            case .string(let s): text = s
            case .number(let n): return n
            case .bool(let b): return b ? "true" : "false"
            default: text = value.serialized()
            }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
