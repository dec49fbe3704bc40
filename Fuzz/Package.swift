// swift-tools-version: 6.1
import PackageDescription

/// The libFuzzer target for billingd's input path (issue 6). A package of its own so that a
/// plain `swift build` / `swift test` of the daemon never builds it; see README.md for the
/// build and run commands.
let package = Package(
    name: "BillingFuzz",
    dependencies: [
        .package(name: "billingd", path: ".."),
    ],
    targets: [
        /// Declares `LLVMFuzzerRunDriver`, which the toolchain's libFuzzer provides.
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .executableTarget(
            name: "BillingFuzz",
            dependencies: [
                "CLibFuzzer",
                .product(name: "BillingProtocol", package: "billingd"),
                .product(name: "BillingServer", package: "billingd"),
            ]
        ),
        /// Issue 10: sequences of valid requests at the 64-bit edges, run in-process (`EdgeSequence`).
        .executableTarget(
            name: "BillingSequenceFuzz",
            dependencies: ["CLibFuzzer", .product(name: "BillingTesting", package: "billingd")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
