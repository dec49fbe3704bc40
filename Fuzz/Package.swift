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
    ],
    swiftLanguageModes: [.v6]
)
