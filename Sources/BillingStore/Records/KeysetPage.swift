import BillingCore
import BillingProtocol

/// Keyset pagination by (created_at, id): the rows after a position, newest first for the API's
/// lists, oldest first for exports. It stays right while rows are added.
enum KeysetPage {
    /// At most `limit` rows after `after` (from the newest when nil). `table` is a name chosen in
    /// code, never a caller's string.
    static func rows(_ db: any Connection, table: String, user: String?, status: String?, after: ListPosition?,
                     limit: Int64) throws -> [Row] {
        // Only the filters given: `(? IS NULL OR …)` would keep SQLite off the user index, and
        // PostgreSQL cannot type a parameter that only meets IS NULL.
        var filters = ["(created_at < ? OR (created_at = ? AND id < ?))"]
        let time = after?.time ?? Int64.max
        var values: [SQLValue] = [.integer(time), .integer(time), .text(after?.id ?? "\u{10FFFF}")]
        if let user {
            filters.append("user_id = ?")
            values.append(.text(user))
        }
        if let status {
            filters.append("status = ?")
            values.append(.text(status))
        }
        return try db.query("""
            SELECT * FROM \(table) WHERE \(filters.joined(separator: " AND ")) ORDER BY created_at DESC, id DESC LIMIT ?
            """, values + [.integer(limit)])
    }

    /// At most `limit` rows created in [`from`, `to`) after `after` (from the oldest when nil),
    /// oldest first: for streaming a whole table out in pages.
    static func oldestFirst(_ db: any Connection, table: String, from: Timestamp?, to: Timestamp?, after: ListPosition?,
                            limit: Int64) throws -> [Row] {
        try db.query("""
            SELECT * FROM \(table) WHERE created_at >= ?1 AND created_at < ?2 AND (created_at > ?3 OR (created_at = ?3 AND id > ?4))
            ORDER BY created_at, id LIMIT ?5
            """, [.integer(from?.milliseconds ?? Int64.min), .integer(to?.milliseconds ?? Int64.max),
                  .integer(after?.time ?? Int64.min), .text(after?.id ?? ""), .integer(limit)])
    }
}
