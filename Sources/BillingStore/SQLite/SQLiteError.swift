import CSQLite

/// A failed SQLite call, with SQLite's own code and message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (extended codes carry detail in the high bits).
    public var primaryCode: Int32 { code & 0xFF }
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    // Extended codes are C macros Swift does not import: SQLITE_CONSTRAINT | (n << 8).
    public var isUniqueViolation: Bool { code == 2067 || code == 1555 }
    public var isForeignKeyViolation: Bool { code == 787 }
    public var isCheckViolation: Bool { code == 275 }
    public var isDiskFull: Bool { primaryCode == SQLITE_FULL }
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }
    public var isCannotOpen: Bool { primaryCode == SQLITE_CANTOPEN }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " [\($0.prefix(120))]" } ?? "")
    }
}
