/// `billingd copy`: moves a stopped store's rows into an empty store of the same schema
/// version, through the `Connection` seam (so SQLite to PostgreSQL, back, or to the same
/// kind), then compares the two table by table.
///
/// Rows keep their ids, so ledger entries still point at their grants and cursors stay valid;
/// integer keys' sequences are moved past the copied ids on PostgreSQL. The destination may
/// hold only the default plans its own migration seeded: they are replaced by the source's.
public struct StoreCopier {
    /// One table, with the key its rows are paged by (unique, so paging never skips or repeats).
    public struct Table: Sendable {
        public let name: String
        public let key: [String]
        /// Integer ids drawn from a sequence on PostgreSQL (to be moved past the copied ones).
        public let sequenced: Bool
    }

    /// Every table of the schema in foreign-key order (a row's parents are copied first).
    public static let tables: [Table] = [
        Table(name: "subscription_plans", key: ["id"], sequenced: false),
        Table(name: "user_subscriptions", key: ["id"], sequenced: false),
        Table(name: "user_credits", key: ["user_id"], sequenced: false),
        Table(name: "payment_history", key: ["id"], sequenced: false),
        Table(name: "usage_logs", key: ["id"], sequenced: false),
        Table(name: "credit_grants", key: ["id"], sequenced: true),
        Table(name: "credit_ledger", key: ["id"], sequenced: true),
        Table(name: "credit_reservations", key: ["id"], sequenced: false),
        Table(name: "credit_reservation_parts", key: ["reservation_id", "grant_id"], sequenced: false),
        Table(name: "idempotency_keys", key: ["method", "key"], sequenced: false),
        Table(name: "credit_packs", key: ["variant_id"], sequenced: false),
        Table(name: "webhook_events", key: ["id"], sequenced: false),
        Table(name: "usage_pruned", key: ["user_id"], sequenced: false),
        Table(name: "audit_log", key: ["id"], sequenced: true),
        Table(name: "archives", key: ["id"], sequenced: false),
    ]

    /// Columns holding JSON documents: PostgreSQL may store them as `jsonb`, which keeps the
    /// same document in its own spelling, so `compare` leaves them out of the row digests.
    static let documentColumns: Set<String> = ["features", "metadata", "targets"]

    public enum Failure: Error, CustomStringConvertible {
        case schemaMismatch(source: Int64, destination: Int64)
        case destinationNotEmpty(table: String, rows: Int64)

        public var description: String {
            switch self {
            case .schemaMismatch(let source, let destination):
                "the source has schema version \(source), the destination \(destination): run `billingd migrate` on the older one first"
            case .destinationNotEmpty(let table, let rows):
                "the destination is not empty (\(table) holds \(rows) rows): copy only into a new database"
            }
        }
    }

    let source: any Connection
    let destination: any Connection
    let pageRows: Int

    /// Both sessions are used from the calling thread only; `destination` must be inside the
    /// transaction that the copy is to commit in (or roll back with).
    public init(from source: any Connection, to destination: any Connection, pageRows: Int = 500) {
        self.source = source
        self.destination = destination
        self.pageRows = pageRows
    }

    /// Copies every table; returns the rows copied per table, in copy order.
    public func copy() throws -> [(table: String, rows: Int)] {
        let from = try source.scalar("SELECT max(version) FROM schema_migrations")
        let to = try destination.scalar("SELECT max(version) FROM schema_migrations")
        guard from == to else { throw Failure.schemaMismatch(source: from, destination: to) }
        for table in StoreCopier.tables where table.name != "subscription_plans" {
            let rows = try destination.scalar("SELECT count(*) FROM \(table.name)")
            guard rows == 0 else { throw Failure.destinationNotEmpty(table: table.name, rows: rows) }
        }
        try destination.run("DELETE FROM subscription_plans")
        var copied: [(table: String, rows: Int)] = []
        for table in StoreCopier.tables {
            var rows = 0
            try page(table, on: source) { page in
                try insert(page, into: table.name)
                rows += page.count
            }
            if table.sequenced, destination.dialect == .postgresql {
                try destination.run("""
                    SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table.name)
                    """)
            }
            copied.append((table.name, rows))
        }
        return copied
    }

    /// Compares the two stores: per table the row count and an order-independent digest of
    /// every row (ids, balances, amounts, times, statuses, texts; JSON documents left out).
    /// Returns the differences found, one line each; empty when the copy is exact.
    public func compare() throws -> [String] {
        var problems: [String] = []
        for table in StoreCopier.tables {
            let a = try digest(table, on: source)
            let b = try digest(table, on: destination)
            if a.rows != b.rows {
                problems.append("\(table.name): \(a.rows) rows in the source, \(b.rows) in the destination")
            } else if a.sum != b.sum {
                problems.append("\(table.name): the same number of rows (\(a.rows)) but different contents")
            }
        }
        return problems
    }

    /// Reads `table` in key order, `pageRows` at a time (keyset paging: each page starts after the last key read).
    private func page(_ table: Table, on db: any Connection, _ body: ([Row]) throws -> Void) throws {
        let order = table.key.joined(separator: ", ")
        var last: Row?
        while true {
            let rows: [Row]
            if let last {
                let (condition, values) = StoreCopier.after(table.key, last)
                rows = try db.query("SELECT * FROM \(table.name) WHERE \(condition) ORDER BY \(order) LIMIT \(pageRows)", values)
            } else {
                rows = try db.query("SELECT * FROM \(table.name) ORDER BY \(order) LIMIT \(pageRows)", [])
            }
            guard !rows.isEmpty else { return }
            try body(rows)
            last = rows.last
            if rows.count < pageRows { return }
        }
    }

    /// `(k1 > ?)` or `(k1 > ? OR (k1 = ? AND k2 > ?))`: the rows after `row` in key order.
    static func after(_ key: [String], _ row: Row) -> (String, [SQLValue]) {
        if key.count == 1 { return ("\(key[0]) > ?", [row.value(key[0])]) }
        return ("(\(key[0]) > ? OR (\(key[0]) = ? AND \(key[1]) > ?))", [row.value(key[0]), row.value(key[0]), row.value(key[1])])
    }

    /// One multi-row INSERT for a page (the column list is the source's).
    private func insert(_ rows: [Row], into table: String) throws {
        guard let first = rows.first else { return }
        let columns = first.columns
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows.count).joined(separator: ", ")
        try destination.run(sql, rows.flatMap(\.values))
    }

    /// Row count and the wrapping sum of each row's FNV-1a hash over its columns in name order.
    private func digest(_ table: Table, on db: any Connection) throws -> (rows: Int, sum: UInt64) {
        var count = 0
        var sum: UInt64 = 0
        try page(table, on: db) { rows in
            for row in rows {
                var hash = RowHash()
                for (name, value) in zip(row.columns, row.values).sorted(by: { $0.0 < $1.0 })
                where !StoreCopier.documentColumns.contains(name) {
                    hash.add(name)
                    hash.add(value)
                }
                sum &+= hash.value
                count += 1
            }
        }
        return (count, sum)
    }
}
