import BillingPostgres
import Testing

@Suite struct PostgresURLTests {
    @Test func tcpURLsWithPortPasswordAndSSLMode() throws {
        let url = try PostgresURL("postgresql://billing:s%40cret@db.example.com:6432/ai_descriptions?sslmode=verify-full")
        #expect(url.endpoint == .tcp(host: "db.example.com", port: 6432))
        #expect(url.user == "billing" && url.password == "s@cret" && url.database == "ai_descriptions" && url.sslMode == .verifyFull)
        #expect(url.description == "postgresql://billing@db.example.com:6432/ai_descriptions?sslmode=verify-full")
        #expect(!url.description.contains("cret"))
        let plain = try PostgresURL("postgres://u@localhost/db")
        #expect(plain.endpoint == .tcp(host: "localhost", port: 5432) && plain.sslMode == .prefer && plain.password == nil)
    }

    @Test func aSocketDirectoryInTheQueryOrTheHost() throws {
        let url = try PostgresURL("postgresql://postgres@/billing?host=/run/postgresql")
        #expect(url.endpoint == .socket(directory: "/run/postgresql", port: 5432) && url.sslMode == .disable)
        #expect(url.description == "postgresql://postgres@/billing?host=/run/postgresql")
        #expect(try PostgresURL(url.description).endpoint == url.endpoint)
        let encoded = try PostgresURL("postgresql://postgres@%2Ftmp%2Fpg:5433/postgres")
        #expect(encoded.endpoint == .socket(directory: "/tmp/pg", port: 5433))
        #expect(url.with(database: "other").database == "other")
    }

    @Test(arguments: [
        "sqlite:/tmp/x", "postgresql://", "postgresql://localhost/db", "postgresql://u@h:0/db", "postgresql://u@h/db?sslmode=always",
        "postgresql://u@h/db?options=-c", "postgresql:///db",
    ])
    func malformedURLsAreRefused(_ text: String) {
        #expect(throws: PostgresURL.Invalid.self) { try PostgresURL(text) }
    }
}
