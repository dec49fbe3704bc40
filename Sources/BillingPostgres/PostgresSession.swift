import BillingCore
import BillingStore
import Dispatch
import Logging
import PostgresNIO

/// One PostgreSQL session behind the store's `Connection` seam, so the domain's synchronous
/// code runs on it unchanged. Each call blocks the calling thread on postgres-nio's future: the
/// caller is always a store thread (the writer's or a reader's), never an event loop. The
/// domain's SQLite-flavoured statements are translated once each (`SQLTranslator`) and run as
/// unnamed extended-protocol statements: values are bound, never spliced into the text
/// (`Protocol/stores.md` says why they are not named).
///
/// Not `Sendable`: like `SQLiteConnection`, a session belongs to exactly one thread at a time.
public final class PostgresSession: Connection {
    private let connection: PostgresConnection
    private let logger: Logger
    private var translated: [String: String] = [:]
    private var changes: Int64 = 0
    public private(set) var isInTransaction = false
    /// Set once the session was lost: its owner replaces it.
    public private(set) var isBroken = false

    public var dialect: SQLDialect { .postgresql }

    private init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Opens a session in UTC. Throws `StoreUnavailable` when the server cannot be reached.
    public static func connect(_ url: PostgresURL, on group: any EventLoopGroup, id: Int, logger: Logger) throws -> PostgresSession {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(on: group.next(), configuration: try url.configuration(), id: id, logger: logger).wait()
        } catch {
            throw PostgresError.from(error, sql: nil)
        }
        let session = PostgresSession(connection: connection, logger: logger)
        try session.execute("SET TIME ZONE 'UTC'")
        return session
    }

    /// Opens a session on postgres-nio's shared event loops: for commands and tests.
    public static func connect(_ url: PostgresURL) throws -> PostgresSession {
        try connect(url, on: MultiThreadedEventLoopGroup.singleton, id: 0, logger: Logger(label: "billingd.postgres"))
    }

    deinit {
        // The callback holds the connection until its close completes: postgres-nio requires a
        // connection to be closed before it is released (it asserts so in debug builds).
        let connection = connection
        if !connection.isClosed { connection.close().whenComplete { _ in withExtendedLifetime(connection) {} } }
    }

    /// Runs one or more statements without parameters or results (schema, transaction control).
    public func execute(_ sql: String) throws {
        for statement in SQLTranslator.statements(sql) { _ = try send(statement, []) }
    }

    @discardableResult
    public func run(_ sql: String, _ values: [SQLValue]) throws -> Int {
        try send(translation(sql), values).metadata.rows ?? 0
    }

    public func query(_ sql: String, _ values: [SQLValue]) throws -> [Row] {
        let result = try send(translation(sql), values)
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try result.rows.map { row in Row(columns: columns, values: try row.map(SQLValue.init)) }
    }

    public func queryOne(_ sql: String, _ values: [SQLValue]) throws -> Row? {
        try query(sql, values).first
    }

    /// The value the last INSERT drew from an identity column's sequence in this session.
    public var lastInsertRowID: Int64 {
        get throws { try scalar("SELECT lastval()") }
    }

    public var totalChanges: Int64 { changes }

    /// PostgreSQL's backups are the operator's (pg_dump, base backups, pgBackRest): refused.
    public func backup(to destination: String) throws {
        throw PostgresError(sqlState: "0A000", message: "system.backup copies the embedded SQLite store only; "
                            + "back up PostgreSQL with its own tools (pg_dump, pg_basebackup, pgBackRest)")
    }

    /// Closes the session and waits for it.
    public func close() {
        if !connection.isClosed { try? connection.close().wait() }
    }

    private func translation(_ sql: String) -> String {
        if let known = translated[sql] { return known }
        let text = SQLTranslator.translate(sql)
        translated[sql] = text
        return text
    }

    private func send(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        guard !isBroken else { throw StoreUnavailable("the session was lost") }
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .text(let s): binds.append(s)
            case .blob(let b): binds.append(ByteBuffer(bytes: b))
            }
        }
        let result: PostgresQueryResult
        do {
            result = try waitFor(connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger))
        } catch {
            let sorted = PostgresError.from(error, sql: sql)
            if sorted is StoreUnavailable {
                isBroken = true
                isInTransaction = false
            }
            throw sorted
        }
        if result.metadata.command == "ROLLBACK" && sql.uppercased().hasPrefix("COMMIT") {
            // COMMIT of a transaction an error had aborted: nothing of it was kept.
            isInTransaction = false
            throw PostgresError(sqlState: "25P02", message: "COMMIT rolled back a failed transaction", sql: sql)
        }
        track(result.metadata.command, sql)
        if ["INSERT", "UPDATE", "DELETE", "MERGE"].contains(result.metadata.command) { changes += Int64(result.metadata.rows ?? 0) }
        return result
    }

    /// Waits for `future` on this (store) thread. A query sent just as the server closed the
    /// session can stay pending although the session is gone, so the wait looks every second
    /// whether the session is closed, and then gives up: the store is unavailable.
    private func waitFor<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let slot = Box<Result<T, any Error>>()  // handed over by the semaphore
        future.whenComplete { result in
            slot.value = result
            done.signal()
        }
        while done.wait(timeout: .now() + 1) == .timedOut {
            if connection.isClosed { throw StoreUnavailable("the session was closed") }
        }
        return try slot.value!.get()
    }

    /// Follows the transaction state from the command tags (an error leaves a transaction open,
    /// aborted, until ROLLBACK, as PostgreSQL does). `ROLLBACK TO` a savepoint is tagged
    /// `ROLLBACK` too, but leaves the transaction open.
    private func track(_ command: String, _ sql: String) {
        switch command {
        case "BEGIN", "START TRANSACTION": isInTransaction = true
        case "COMMIT": isInTransaction = false
        case "ROLLBACK":
            let words = sql.uppercased().split(whereSeparator: \.isWhitespace)
            if words.count < 2 || words[1] != "TO" { isInTransaction = false }
        default: break
        }
    }
}
