import ArgumentParser
import BillingStore
import Foundation

extension StoreLocation {
    /// Opens the store with its writer and readers running, migrated to this build's schema
    /// (SQLite: locked for this process).
    func open(sqliteOptions: SQLiteDatabase.Options = SQLiteDatabase.Options(), now: Int64) throws -> any Database {
        switch self {
        case .sqlite(let path):
            return try SQLiteDatabase(path: path, options: sqliteOptions, now: now)
        case .postgresql:
            throw ValidationError("this build has no PostgreSQL store yet")
        }
    }

    /// Runs `body` on one read session of the store, without migrating or locking it (safe
    /// while daemons run); nil when an SQLite file does not exist yet.
    func read<T>(_ body: (any Connection) throws -> T) throws -> T? {
        switch self {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            let connection = try SQLiteConnection(path: path, mode: .readOnly)
            try connection.execute("BEGIN")
            defer { try? connection.execute("COMMIT") }
            return try body(connection)
        case .postgresql:
            throw ValidationError("this build has no PostgreSQL store yet")
        }
    }
}
