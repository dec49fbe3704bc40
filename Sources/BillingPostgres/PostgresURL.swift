import BillingCore
import Foundation
import PostgresNIO

/// A `postgresql://` URL as libpq reads it, for `--database`:
/// `postgresql://user[:password]@host[:port]/dbname[?sslmode=…]`, or a Unix socket directory
/// given as `?host=/run/postgresql` (with the host part empty, or the directory percent-encoded
/// as the host). `sslmode` is libpq's: `disable`, `allow`/`prefer` (TLS if the server offers it,
/// unverified, the default over TCP), `require` (TLS, unverified), `verify-ca` (certificate
/// chain), `verify-full` (chain and host name); `sslrootcert` names a CA file. A socket never uses TLS.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket file `<directory>/.s.PGSQL.<port>`, as PostgreSQL names it.
        case socket(directory: String, port: Int)

        var socketPath: String? {
            if case .socket(let directory, let port) = self { return "\(directory)/.s.PGSQL.\(port)" }
            return nil
        }
    }

    public enum SSLMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public let endpoint: Endpoint
    public let user: String
    /// Never printed: `description` leaves it out.
    public var password: String?
    public private(set) var database: String
    public let sslMode: SSLMode
    public let sslRootCertificate: String?

    public struct Invalid: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "invalid PostgreSQL URL: \(reason)" }
    }

    /// Whether `text` names a PostgreSQL database (rather than a SQLite path).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws {
        guard PostgresURL.isPostgres(text), let components = URLComponents(string: text) else {
            throw Invalid(reason: "expected postgresql://user[:password]@host[:port]/dbname[?sslmode=…]")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let known: Set = ["host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "application_name", "connect_timeout"]
        if let unknown = query.keys.first(where: { !known.contains($0) }) { throw Invalid(reason: "unknown parameter \(unknown)") }
        let port: Int
        if let text = query["port"] ?? components.port.map(String.init) {
            guard let value = Int(text), (1...65535).contains(value) else { throw Invalid(reason: "bad port \(text)") }
            port = value
        } else {
            port = 5432
        }
        let host = query["host"] ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        if host.isEmpty {
            throw Invalid(reason: "no host: give host[:port], or a socket directory as ?host=/run/postgresql")
        }
        endpoint = host.hasPrefix("/") ? .socket(directory: host, port: port) : .tcp(host: host, port: port)
        guard let user = query["user"] ?? components.user?.removingPercentEncoding, !user.isEmpty else {
            throw Invalid(reason: "no user")
        }
        self.user = user
        password = query["password"] ?? components.password?.removingPercentEncoding
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = query["dbname"] ?? (path.isEmpty ? user : path)
        if let mode = query["sslmode"] {
            guard let parsed = SSLMode(rawValue: mode) else { throw Invalid(reason: "unknown sslmode \(mode)") }
            sslMode = parsed
        } else {
            sslMode = host.hasPrefix("/") ? .disable : .prefer
        }
        sslRootCertificate = query["sslrootcert"]
    }

    /// The URL without its password: safe to log (`Database.location`).
    public var description: String {
        var query: [String] = []
        let authority: String
        switch endpoint {
        case .tcp(let host, let port):
            authority = port == 5432 ? host : "\(host):\(port)"
        case .socket(let directory, let port):
            authority = ""
            query.append("host=\(directory)")
            if port != 5432 { query.append("port=\(port)") }
        }
        if sslMode != (isSocket ? .disable : .prefer) { query.append("sslmode=\(sslMode.rawValue)") }
        return "postgresql://\(user)@\(authority)/\(database)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// This URL with `name` as its database (tests make one database per test).
    public func with(database name: String) -> PostgresURL {
        var copy = self
        copy.database = name
        return copy
    }

    private var isSocket: Bool { endpoint.socketPath != nil }

    /// postgres-nio's settings for one connection.
    public func configuration() throws -> PostgresConnection.Configuration {
        if let path = endpoint.socketPath {
            return PostgresConnection.Configuration(unixSocketPath: path, username: user, password: password, database: database)
        }
        guard case .tcp(let host, let port) = endpoint else { preconditionFailure("endpoint is tcp or socket") }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: try tls())
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: settings.certificateVerification = .none
        case .verifyCA: settings.certificateVerification = .noHostnameVerification
        case .verifyFull: settings.certificateVerification = .fullVerification
        }
        if let file = sslRootCertificate {
            settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
        }
        let context = try NIOSSLContext(configuration: settings)
        return sslMode == .allow || sslMode == .prefer ? .prefer(context) : .require(context)
    }
}
