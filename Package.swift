// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "billingd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "billingd", targets: ["billingd"]),
        .library(name: "BillingClient", targets: ["BillingClient"]),
        .library(name: "BillingTesting", targets: ["BillingTesting"]),
        /// For the libFuzzer package in `Fuzz/` (issue 6): the JSON/envelope/params decoders and `FrameSplitter`.
        .library(name: "BillingProtocol", targets: ["BillingProtocol"]),
        .library(name: "BillingServer", targets: ["BillingServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        /// The system SQLite, reached through a module map (needs `libsqlite3-dev`).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        /// The domain's plain values (money, time, each method's typed parameters and result): no
        /// JSON and no SQL, so BillingCore can depend on it alone.
        .target(name: "BillingModel"),
        /// The wire: JSON, the envelope, the catalog and every method's JSON coding, on BillingModel.
        .target(name: "BillingProtocol", dependencies: ["BillingModel"]),
        /// The store implements the seam the domain declares (`BillingCore/Store`): every SQL
        /// statement lives here, never in BillingCore.
        .target(name: "BillingStore", dependencies: ["CSQLite", "BillingProtocol", "BillingCore"]),
        /// Test-only: a SQLite VFS that simulates a power loss (`scripts/power_loss_test.py`),
        /// installed by `billingd serve` only when `BILLINGD_TEST_POWER_LOSS_AFTER_WRITES` is set.
        .target(name: "CPowerLossVFS", linkerSettings: [.linkedLibrary("sqlite3")]),
        /// Crypto: HMAC-SHA256 for Lemon Squeezy webhook signatures and SHA-256 delivery keys.
        .target(
            name: "BillingCore",
            dependencies: ["BillingProtocol", .product(name: "Crypto", package: "swift-crypto")]
        ),
        /// The operators' file formats at the command line's edge: `archive` (JSON lines, gzip, a
        /// checksummed manifest) and `export` (JSON lines or CSV), on the domain's seam.
        .target(
            name: "BillingOperations",
            dependencies: ["BillingProtocol", "BillingCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "BillingServer",
            dependencies: [
                "BillingProtocol", "BillingCore", "BillingStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                /// `FrameSplitter` drives the real line decoder on an `EmbeddedChannel` (fuzzing, unit tests).
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                /// `system.metrics`: a swift-prometheus registry per server (its metric types are swift-metrics handlers).
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        /// The same store seam on PostgreSQL (issue 12), apart so that only what selects it links postgres-nio.
        .target(
            name: "BillingPostgres",
            dependencies: ["BillingStore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "BillingClient", dependencies: ["BillingProtocol"]),
        /// The load generator behind `billingd bench` (issue 5): raw POSIX sockets and epoll, no NIO.
        .systemLibrary(name: "CBenchEpoll", path: "Sources/CBenchEpoll"),
        .target(
            name: "BillingBench",
            dependencies: ["BillingProtocol", "CBenchEpoll", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .target(
            name: "BillingTesting",
            dependencies: [
                "BillingClient", "BillingProtocol", "BillingServer", "BillingCore", "BillingStore", "BillingPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "billingd",
            dependencies: [
                "BillingServer", "BillingClient", "BillingCore", "BillingOperations", "BillingStore", "BillingPostgres", "BillingProtocol",
                "BillingBench", "CPowerLossVFS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /// Clients/examples/swift: built with everything else, so the example cannot rot.
        .executableTarget(name: "billing-client-example", dependencies: ["BillingClient", "BillingProtocol"], path: "Clients/examples/swift"),
        .testTarget(name: "BillingProtocolTests", dependencies: ["BillingProtocol"]),
        .testTarget(name: "BillingBenchTests", dependencies: ["BillingBench", "BillingTesting", "BillingProtocol"]),
        /// Tests sign their Lemon Squeezy fixtures with swift-crypto's HMAC, independently of BillingCore.
        .testTarget(
            name: "BillingCoreTests",
            dependencies: [
                "BillingCore", "BillingStore", "BillingPostgres", "BillingProtocol", "BillingTesting",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /// Runs BillingCore on `PostgresDatabase` against a throw-away cluster (`scripts/postgres-cluster`).
        .testTarget(
            name: "BillingPostgresTests",
            dependencies: ["BillingPostgres", "BillingCore", "BillingStore", "BillingProtocol", "BillingTesting"]
        ),
        .testTarget(
            name: "BillingServerTests",
            dependencies: [
                "BillingTesting", "BillingClient", "BillingProtocol", "BillingServer", "BillingCore", "BillingStore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
