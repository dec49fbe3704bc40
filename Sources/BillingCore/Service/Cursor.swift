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

    /// Builds `{<key>: [...], next_cursor}` from `limit + 1` fetched rows.
    static func page(_ rows: [Row], limit: Int64, key: String, map: (Row) -> JSONValue) -> JSONValue {
        let page = rows.prefix(Int(limit))
        let next: JSONValue = rows.count > Int(limit)
            ? .string("\(page.last!.int("created_at")):\(page.last!.string("id"))") : .null
        return .object([key: .array(page.map(map)), "next_cursor": next])
    }
}
