import BillingStore
import PostgresNIO

/// A statement PostgreSQL refused, with its SQLSTATE and message (postgres-nio's own error hides
/// both from `description` to avoid leaking bound values; these carry no values).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE, e.g. `23505` for a unique violation.
    public let sqlState: String
    public let message: String
    public let detail: String?
    public let sql: String?

    public init(sqlState: String, message: String, detail: String? = nil, sql: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.sql = sql
    }

    /// A SERIALIZABLE transaction lost a conflict (40001) or a deadlock was broken (40P01): the
    /// whole transaction must run again.
    public var mustRetryTransaction: Bool { sqlState == "40001" || sqlState == "40P01" }
    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        "PostgreSQL error \(sqlState): \(message)" + (detail.map { " (\($0))" } ?? "") + (sql.map { " [\($0.prefix(120))]" } ?? "")
    }

    /// Sorts what postgres-nio threw: a refused statement, or (a lost or refused session, a
    /// server shutting down) `StoreUnavailable`.
    static func from(_ error: any Error, sql: String?) -> any Error {
        guard let error = error as? PSQLError else {
            return error is PostgresError || error is StoreUnavailable ? error : StoreUnavailable("\(error)")
        }
        guard error.code == .server, let info = error.serverInfo, let state = info[.sqlState] else {
            return StoreUnavailable("connection: \(error.code)")
        }
        // Class 08 (connection exception) and 57P01-57P03 (shutdown, crash, starting up).
        if state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state) {
            return StoreUnavailable("\(state) \(info[.message] ?? "")")
        }
        return PostgresError(sqlState: state, message: info[.message] ?? "", detail: info[.detail], sql: sql)
    }
}
