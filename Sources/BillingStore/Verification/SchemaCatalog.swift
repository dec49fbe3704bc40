/// Lookups of the schema's own tables and triggers, the one thing each store keeps in a catalog
/// of its own (`sqlite_master`, PostgreSQL's `information_schema` and `pg_trigger`).
enum SchemaCatalog {
    static func tableExists(_ db: Connection, _ name: String) throws -> Bool {
        try db.scalar(db.dialect == .sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
            [.text(name)]) > 0
    }

    /// A query of the names of the triggers in force (on PostgreSQL a disabled trigger is not).
    static func activeTriggers(_ dialect: SQLDialect) -> String {
        dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            : "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
    }
}
