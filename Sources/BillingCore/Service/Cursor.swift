import BillingProtocol

/// Keyset pagination for lists ordered newest first by (created_at, id). A cursor is the
/// last row's position, `<created_at>:<id>`; it stays valid while rows are added.
enum Cursor {
    static func decode(_ text: String?) throws -> ListPosition? {
        guard let text else { return nil }
        guard let colon = text.firstIndex(of: ":"), let time = Int64(text[..<colon]) else {
            throw BillingError.invalidParams(field: "cursor", "'cursor' is not a cursor of this list")
        }
        return ListPosition(time: time, id: String(text[text.index(after: colon)...]))
    }

    /// One page of `limit` items from `items`, which the store read with one item more than
    /// that, so that the cursor of the next page is nil exactly at the end.
    static func page<Item>(_ items: [Item], limit: Int64, position: (Item) -> (createdAt: Timestamp, id: String))
        -> (items: [Item], nextCursor: String?)
    {
        let page = Array(items.prefix(Int(limit)))
        guard items.count > Int(limit), let last = page.last else { return (page, nil) }
        let (time, id) = position(last)
        return (page, "\(time.milliseconds):\(id)")
    }
}
