import BillingCore

/// One SQL session of a store, owned by exactly one thread at a time (the writer's, or one
/// reader's). The domain talks to the store through this seam only, so the same code runs on
/// the embedded SQLite file (`SQLiteConnection`) and on PostgreSQL. Statements use SQLite's
/// parameter syntax (`?`, `?N`); a store that speaks another dialect translates them.
public protocol Connection: StoreSession {
    var dialect: SQLDialect { get }

    /// Runs one or more statements without parameters or results (schema, transaction control).
    func execute(_ sql: String) throws

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue]) throws -> Int

    func query(_ sql: String, _ values: [SQLValue]) throws -> [Row]

    func queryOne(_ sql: String, _ values: [SQLValue]) throws -> Row?

    /// The id of the row the last INSERT into a table with an integer key created.
    var lastInsertRowID: Int64 { get throws }

    /// Rows changed by this session since it opened (counts the work a step did).
    var totalChanges: Int64 { get throws }

    var isInTransaction: Bool { get }

    /// Writes a consistent copy of the whole database to the new file `destination`
    /// (`system.backup`); a store whose backups are the operator's (PostgreSQL) refuses.
    func backup(to destination: String) throws
}

extension Connection {
    @discardableResult
    public func run(_ sql: String) throws -> Int { try run(sql, []) }

    public func query(_ sql: String) throws -> [Row] { try query(sql, []) }

    public func queryOne(_ sql: String) throws -> Row? { try queryOne(sql, []) }

    /// The first column of the first row as an integer (0 when there is none).
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> Int64 {
        guard let row = try queryOne(sql, values), case .integer(let v) = row[0] else { return 0 }
        return v
    }
}
