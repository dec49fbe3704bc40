import BillingCore
import ArgumentParser
import BillingPostgres
import BillingStore
import Foundation

extension StoreLocation {
    /// Opens the store with its writer and readers running, migrated to this build's schema
    /// (SQLite: locked for this process; PostgreSQL: shared with other daemons).
    func open(sqliteOptions: SQLiteDatabase.Options = SQLiteDatabase.Options(),
              postgresOptions: PostgresDatabase.Options = PostgresDatabase.Options(), now: Int64) throws -> any Database {
        switch self {
        case .sqlite(let path):
            return try SQLiteDatabase(path: path, options: sqliteOptions, now: now)
        case .postgresql:
            return try PostgresDatabase(url: try postgresURL(), options: postgresOptions, now: now)
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
            let session = try PostgresSession.connect(try postgresURL())
            defer { session.close() }
            try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? session.execute("COMMIT") }
            return try body(session)
        }
    }

    /// The migrations this store is tracked with (each store has its own DDL text, so its own checksums).
    var migrator: Migrator {
        switch self {
        case .sqlite: Migrator()
        case .postgresql: PostgresDatabase.migrator
        }
    }

    /// The URL with the password from `--database-password-file`, when one is given.
    private func postgresURL() throws -> PostgresURL {
        guard case .postgresql(let text, let passwordFile) = self else { preconditionFailure("not a PostgreSQL store") }
        var url = try PostgresURL(text)
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile), let contents = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read --database-password-file \(passwordFile)")
            }
            let password = contents.hasSuffix("\n") ? String(contents.dropLast()) : contents
            guard !password.isEmpty else { throw ValidationError("--database-password-file \(passwordFile) is empty") }
            url.password = password
        }
        return url
    }
}
