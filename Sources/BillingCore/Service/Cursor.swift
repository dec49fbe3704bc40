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
    /// status, newest first, one page, and the cursor of the next page (nil at the end).
    /// `table` is a name chosen in code, never a caller's string.
    static func list<Item>(_ db: Connection, table: String, user: String?, status: String?, limit: Int64, cursor: String?,
                           map: (Row) -> Item) throws -> (items: [Item], nextCursor: String?) {
        let after = try decode(cursor)
        let rows = try db.query("""
            SELECT * FROM \(table)
            WHERE (CAST(?1 AS TEXT) IS NULL OR user_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR status = ?2) AND (created_at < ?3 OR (created_at = ?3 AND id < ?4))
            ORDER BY created_at DESC, id DESC LIMIT ?5
            """, [.optional(user), .optional(status), .integer(after?.time ?? Int64.max), .text(after?.id ?? "\u{10FFFF}"),
                  .integer(limit + 1)])
        let page = rows.prefix(Int(limit))
        return (page.map(map), rows.count > Int(limit) ? position(of: page.last!) : nil)
    }

    /// The cursor that continues after `row`.
    static func position(of row: Row) -> String { "\(row.int("created_at")):\(row.string("id"))" }
}
