import BillingCore
import BillingProtocol

/// `IdempotencyRecords` in SQL, on one store session.
public struct IdempotencyTable: IdempotencyRecords {
    let db: any Connection

    public func find(method: String, key: String) throws -> IdempotencyRow? {
        try db.queryOne("SELECT fingerprint, result, created_at FROM idempotency_keys WHERE method = ? AND key = ?", [.text(method), .text(key)])
            .map { IdempotencyTable.answer(method, key, $0) }
    }

    public func find(method: String, keys: [String]) throws -> [String: IdempotencyRow] {
        var found: [String: IdempotencyRow] = [:]
        for row in try BulkStatement.select(db, in: keys.map(SQLValue.text), before: [.text(method)], {
            "SELECT key, fingerprint, result, created_at FROM idempotency_keys WHERE method = ? AND key IN (\($0))"
        }) {
            let key = row.string("key")
            found[key] = IdempotencyTable.answer(method, key, row)
        }
        return found
    }

    public func insert(_ answer: IdempotencyRow) throws {
        try BulkStatement.insert(db, into: "idempotency_keys", columns: IdempotencyRow.columns, rows: [answer.values])
    }

    public func prune(before cut: Timestamp) throws {
        try db.run("DELETE FROM idempotency_keys WHERE created_at < ?", [.integer(cut.milliseconds)])
    }

    private static func answer(_ method: String, _ key: String, _ row: Row) -> IdempotencyRow {
        IdempotencyRow(method: method, key: key, fingerprint: row.string("fingerprint"), result: row.string("result"),
                       at: Timestamp(milliseconds: row.int("created_at")))
    }
}
