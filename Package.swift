// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "billingd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "billingd", targets: ["billingd"]),
        .library(name: "BillingClient", targets: ["BillingClient"]),
        .library(name: "BillingTesting", targets: ["BillingTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        /// The system SQLite, reached through a module map (needs `libsqlite3-dev`).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "BillingProtocol"),
        .target(name: "BillingStore", dependencies: ["CSQLite"]),
        .target(name: "BillingCore", dependencies: ["BillingProtocol", "BillingStore"]),
        .target(
            name: "BillingServer",
            dependencies: [
                "BillingProtocol", "BillingCore", "BillingStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(name: "BillingClient", dependencies: ["BillingProtocol"]),
        .target(
            name: "BillingTesting",
            dependencies: [
                "BillingClient", "BillingProtocol", "BillingServer", "BillingCore", "BillingStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "billingd",
            dependencies: [
                "BillingServer", "BillingClient", "BillingCore", "BillingStore", "BillingProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "BillingProtocolTests", dependencies: ["BillingProtocol"]),
        .testTarget(name: "BillingCoreTests", dependencies: ["BillingCore", "BillingStore", "BillingProtocol"]),
        .testTarget(
            name: "BillingServerTests",
            dependencies: ["BillingTesting", "BillingClient", "BillingProtocol", "BillingServer", "BillingCore", "BillingStore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
