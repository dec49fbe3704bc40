/// Multi-row statements in a few fixed shapes. Rows go out in chunks whose sizes are powers of
/// two up to a maximum (37 rows: 32 + 4 + 1), so a connection that caches prepared statements by
/// their text holds at most a handful per statement, and a batch's rows take a few statements
/// instead of one each.
public enum BulkStatement {
    /// `count` split into chunks: as many `maximum` as fit, then the binary digits of the rest.
    static func chunks(_ count: Int, maximum: Int) -> [Int] {
        var sizes = Array(repeating: maximum, count: count / maximum)
        var rest = count % maximum
        var size = maximum
        while rest > 0 {
            size /= 2
            if rest >= size {
                sizes.append(size)
                rest -= size
            }
        }
        return sizes
    }

    /// Runs `sql(list)` for each chunk of `rows`, where `list` is the chunk's `(?, ?), (?, ?)`
    /// (every row `width` values wide).
    public static func run(_ db: any Connection, rows: [[SQLValue]], width: Int, maximumRows: Int = 64,
                           _ sql: (String) -> String) throws {
        var start = 0
        for size in chunks(rows.count, maximum: maximumRows) {
            try db.run(sql(tuples(size, width: width)), rows[start..<start + size].flatMap { $0 })
            start += size
        }
    }

    /// `(?, ?), (?, ?)`: placeholders for `count` rows of `width` values.
    public static func tuples(_ count: Int, width: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return Array(repeating: tuple, count: count).joined(separator: ", ")
    }

    /// `INSERT INTO table (columns) VALUES …` for every row.
    public static func insert(_ db: any Connection, into table: String, columns: [String], rows: [[SQLValue]]) throws {
        try run(db, rows: rows, width: columns.count) { "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \($0)" }
    }

    /// The rows of `sql(list)` for each chunk of `values`, where `list` is the chunk's `?, ?, ?`;
    /// `before` are bound ahead of the list in every chunk.
    public static func select(_ db: any Connection, in values: [SQLValue], before: [SQLValue] = [], maximumValues: Int = 256,
                              _ sql: (String) -> String) throws -> [Row] {
        var rows: [Row] = []
        var start = 0
        for size in chunks(values.count, maximum: maximumValues) {
            let list = Array(repeating: "?", count: size).joined(separator: ", ")
            rows += try db.query(sql(list), before + values[start..<start + size])
            start += size
        }
        return rows
    }
}
