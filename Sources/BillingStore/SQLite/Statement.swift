import CSQLite

/// A prepared statement owned by one `Connection` (and so by one thread).
public final class Statement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection
    let sql: String

    init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        var pointer: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard rc == SQLITE_OK, let pointer else { throw connection.error(rc, sql: sql) }
        self.handle = pointer
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds positional values (1-based in SQLite, 0-based here) after resetting the statement.
    func bind(_ values: [SQLValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, SQLITE_TRANSIENT)
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
            }
            guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
        }
    }

    /// Steps once: true while a row is available.
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let failure = connection.error(rc, sql: sql)
            sqlite3_reset(handle)
            throw failure
        }
    }

    func row() -> Row {
        let count = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for i in 0..<count {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
            case SQLITE_NULL: values.append(.null)
            case SQLITE_BLOB:
                let n = Int(sqlite3_column_bytes(handle, i))
                if n == 0 {
                    values.append(.blob([]))
                } else {
                    let p = sqlite3_column_blob(handle, i)!
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: p, count: n))))
                }
            default:
                let n = Int(sqlite3_column_bytes(handle, i))
                if let p = sqlite3_column_text(handle, i) {
                    values.append(.text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)))
                } else {
                    values.append(.text(""))
                }
            }
        }
        return Row(columns: connection.columnNames(for: self), values: values)
    }

    func columnNames() -> [String] {
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    func reset() { sqlite3_reset(handle) }
}

/// SQLite's destructor sentinel meaning "copy the bytes now".
let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
