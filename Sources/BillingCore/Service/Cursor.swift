import BillingProtocol
import BillingStore

/// Keyset pagination for lists ordered newest first by (created_at, id). A cursor is the
/// last row's position, `<created_at>:<id>`; it stays valid while rows are added.
enum Cursor {
    static func decode(_ text: String?) throws -> (time: Int64, id: String)? {
        guard let text else { return nil }
        guard let colon = text.firstIndex(of: ":"), let time = Int64(text[..<colon]) else {
            throw BillingError.invalidParams(field: "cursor", "'cursor' is not a cursor of this list")
        }
        return (time, String(text[text.index(after: colon)...]))
    }

    /// `subscriptions.list` and `payments.list`: a table's rows, optionally of one user and one
    /// status, newest first, one page. `table` is a name chosen in code, never a caller's string.
    static func list(_ db: Connection, table: String, user: String?, status: String?, limit: Int64, cursor: String?,
                     key: String, map: (Row) -> JSONValue) throws -> JSONValue {
        let position = try decode(cursor)
        let rows = try db.query("""
            SELECT * FROM \(table)
            WHERE (?1 IS NULL OR user_id = ?1) AND (?2 IS NULL OR status = ?2) AND (created_at < ?3 OR (created_at = ?3 AND id < ?4))
            ORDER BY created_at DESC, id DESC LIMIT ?5
            """, [.optional(user), .optional(status), .integer(position?.time ?? Int64.max), .text(position?.id ?? "\u{10FFFF}"),
                  .integer(limit + 1)])
        return page(rows, limit: limit, key: key, map: map)
    }

    /// The cursor that continues after `row`.
    static func position(of row: Row) -> String { "\(row.int("created_at")):\(row.string("id"))" }

    /// Builds `{<key>: [...], next_cursor}` from `limit + 1` fetched rows.
    static func page(_ rows: [Row], limit: Int64, key: String, map: (Row) -> JSONValue) -> JSONValue {
        let page = rows.prefix(Int(limit))
        let next: JSONValue = rows.count > Int(limit)
            ? .string(position(of: page.last!)) : .null
        return .object([key: .array(page.map(map)), "next_cursor": next])
    }
}
