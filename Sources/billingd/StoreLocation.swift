import ArgumentParser
import Foundation

/// Where the billing data lives: the embedded SQLite file, or a PostgreSQL database shared by
/// several daemons. Parsed from `--db`/`--database`/env (see `DatabaseOption`).
enum StoreLocation: Equatable {
    case sqlite(path: String)
    /// `url` is the text as given; the password, if any, comes from it or from `passwordFile`.
    case postgresql(url: String, passwordFile: String?)

    /// `postgresql://…` / `postgres://…`, `sqlite:PATH` / `sqlite://PATH`, or a plain file path.
    init(_ text: String, passwordFile: String? = nil) throws {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            self = .postgresql(url: text, passwordFile: passwordFile)
            return
        }
        guard passwordFile == nil else { throw ValidationError("--database-password-file is for a PostgreSQL --database only") }
        if text.hasPrefix("sqlite://") {
            self = .sqlite(path: String(text.dropFirst("sqlite://".count)))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.contains("://") {
            throw ValidationError("unknown database URL scheme in '\(StoreLocation.redacted(text))': use postgresql://… or sqlite:PATH")
        } else {
            self = .sqlite(path: text)
        }
        if case .sqlite(let path) = self, path.isEmpty { throw ValidationError("the SQLite path is empty") }
    }

    /// Safe to print or log: a URL's password replaced by `***`.
    var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgresql(let url, _): StoreLocation.redacted(url)
        }
    }

    /// `scheme://user:secret@host/…` → `scheme://user:***@host/…`.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<rest.index(after: colon)]) + "***" + String(rest[at...])
    }
}
