/// Applies `Schema.migrations` in order, each in its own IMMEDIATE transaction, and refuses
/// databases it does not understand (edited migrations, or a schema newer than this build).
/// The same bookkeeping serves PostgreSQL (with its own migration texts, `PostgresSchema`): only
/// the catalog lookup, the transaction's start and a lock against a second daemon migrating at
/// once differ by dialect.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration] = Schema.migrations) {
        self.migrations = migrations
    }

    public enum Failure: Error, CustomStringConvertible {
        case newerSchema(databaseVersion: Int, knownVersion: Int)
        case checksumMismatch(version: Int, name: String)

        public var description: String {
            switch self {
            case .newerSchema(let db, let known):
                "the database has schema version \(db), newer than this billingd knows (\(known)); upgrade billingd"
            case .checksumMismatch(let version, let name):
                "migration \(version) (\(name)) in the database differs from this build's; refusing to start"
            }
        }
    }

    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        )
        """

    /// `bookkeeping` for PostgreSQL, whose `INTEGER` is 32 bits (too small for milliseconds).
    static let postgresBookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    bigint PRIMARY KEY,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at bigint NOT NULL
        )
        """

    /// The PostgreSQL advisory lock held while migrating: several daemons may start at once.
    static let postgresLock = 0x6269_6c6c_696e_6764  // "billingd"

    public func status(_ db: Connection) throws -> MigrationStatus {
        let exists = try db.scalar(db.dialect == .sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'")
        var applied: [AppliedMigration] = []
        if exists > 0 {
            applied = try db.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version").map {
                AppliedMigration(version: Int($0.int("version")), name: $0.string("name"), checksum: $0.string("checksum"),
                                 appliedAt: $0.int("applied_at"))
            }
        }
        let known = migrations.map(\.version).max() ?? 0
        if let newest = applied.last, newest.version > known {
            throw Failure.newerSchema(databaseVersion: newest.version, knownVersion: known)
        }
        for row in applied {
            guard let migration = migrations.first(where: { $0.version == row.version }), migration.checksum == row.checksum else {
                throw Failure.checksumMismatch(version: row.version, name: row.name)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        return MigrationStatus(applied: applied, pending: migrations.filter { !appliedVersions.contains($0.version) })
    }

    /// Applies every pending migration; returns the ones it applied.
    @discardableResult
    public func migrate(_ db: Connection, now: Int64) throws -> [Migration] {
        let postgres = db.dialect == .postgresql
        if postgres { try db.execute("SELECT pg_advisory_lock(\(Migrator.postgresLock))") }
        defer { if postgres { try? db.execute("SELECT pg_advisory_unlock(\(Migrator.postgresLock))") } }
        try db.execute(postgres ? Migrator.postgresBookkeeping : Migrator.bookkeeping)
        let pending = try status(db).pending
        for migration in pending {
            try db.execute(postgres ? "BEGIN" : "BEGIN IMMEDIATE")
            do {
                try db.execute(migration.sql)
                try db.run("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                           [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum), .integer(now)])
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
        return pending
    }
}
