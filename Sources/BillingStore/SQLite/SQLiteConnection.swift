import BillingCore
import CSQLite

#if canImport(Glibc)
import Glibc
#endif

/// One SQLite connection with a statement cache (the embedded store's `Connection`). Not thread-safe: each connection is
/// owned by exactly one thread (the writer's, or one reader's), which is why it is not `Sendable`.
public final class SQLiteConnection: Connection {
    let handle: OpaquePointer
    public let path: String
    private var statements: [String: Statement] = [:]
    private var columnCache: [ObjectIdentifier: [String]] = [:]

    public enum Mode: Sendable {
        case readWrite, readOnly
    }

    public init(path: String, mode: Mode, synchronous: String = "FULL") throws(SQLiteError) {
        var pointer: OpaquePointer?
        let flags = (mode == .readWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY)
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &pointer, flags, nil)
        guard rc == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let pointer { sqlite3_close_v2(pointer) }
            throw SQLiteError(code: rc, message: message)
        }
        self.handle = pointer
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 5000)
        let registered = WideSum.register(on: handle)
        guard registered == SQLITE_OK else { throw SQLiteError(code: registered, message: "cannot register wide_sum") }
        try execute("PRAGMA foreign_keys = ON")
        if mode == .readWrite {
            try execute("PRAGMA journal_mode = WAL")
            try execute("PRAGMA synchronous = \(synchronous)")
            try execute(SQLiteConnection.writerTuning)
        }
    }

    /// Settings of the read-write connection that change speed only, never durability or results
    /// (measured in Benchmarks/RESULTS.md):
    /// - `temp_store = MEMORY`: the writer runs every request in its own savepoint; SQLite keeps the
    ///   savepoint (sub-)journal in a temp file once it passes 64 KiB, so a batch of 1,000 consumes
    ///   wrote ~10 pages per request to that file. The sub-journal only serves rollbacks to a
    ///   savepoint inside the open transaction (crash recovery uses the WAL), so memory is enough.
    /// - `cache_size`: 16 MiB instead of 2 MiB, since one group commit dirties thousands of pages
    ///   (random users across the usage, ledger, grant and balance indexes); filled only as used.
    /// (`wal_autocheckpoint` is set by `Database.Options`.)
    static let writerTuning = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384"

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ rc: Int32, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle) != 0 ? sqlite3_extended_errcode(handle) : rc,
                    message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements without results (schema, pragmas, transaction control).
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "error"
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    func statement(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    func columnNames(for statement: Statement) -> [String] {
        let key = ObjectIdentifier(statement)
        if let names = columnCache[key] { return names }
        let names = statement.columnNames()
        columnCache[key] = names
        return names
    }

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> Int {
        let statement = try statement(sql)
        try statement.bind(values)
        while try statement.step() {}
        statement.reset()
        return Int(sqlite3_changes(handle))
    }

    public func query(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> [Row] {
        let statement = try statement(sql)
        try statement.bind(values)
        var rows: [Row] = []
        while try statement.step() { rows.append(statement.row()) }
        statement.reset()
        return rows
    }

    public func queryOne(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> Row? {
        let statement = try statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        return try statement.step() ? statement.row() : nil
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    public var dialect: SQLDialect { .sqlite }

    public var totalChanges: Int64 { sqlite3_total_changes64(handle) }

    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Copies the whole database to `destination` with SQLite's online backup API: a
    /// consistent snapshot even while the writer keeps committing. The file must not exist; it
    /// is created 0600 before SQLite writes into it (a copy holds the same secrets as the
    /// database) and removed again when the copy fails.
    public func backup(to destination: String) throws(SQLiteError) {
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot create \(destination): \(String(cString: strerror(errno)))")
        }
        close(fd)
        do {
            try copy(to: destination)
        } catch {
            unlink(destination)
            throw error
        }
    }

    private func copy(to destination: String) throws(SQLiteError) {
        var target: OpaquePointer?
        let rc = sqlite3_open_v2(destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard rc == SQLITE_OK, let target else {
            if let target { sqlite3_close_v2(target) }
            throw SQLiteError(code: rc, message: "cannot create backup file \(destination)")
        }
        defer { sqlite3_close_v2(target) }
        guard let backup = sqlite3_backup_init(target, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_errcode(target), message: String(cString: sqlite3_errmsg(target)))
        }
        let step = sqlite3_backup_step(backup, -1)
        sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE else {
            throw SQLiteError(code: step, message: String(cString: sqlite3_errmsg(target)))
        }
    }
}
