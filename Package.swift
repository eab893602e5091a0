// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: executables → services → MimoUpstream → ResponsesTranslation.
// ResponsesTranslation is pure (Foundation only) and imports nothing of ours.
let package = Package(
    name: "ccmimolink",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ResponsesTranslation", targets: ["ResponsesTranslation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Pure Swift with no Foundation; `rounded()` needs libm linked explicitly on Linux.
        .target(name: "ResponsesTranslation", linkerSettings: [.linkedLibrary("m")]),
        // MiMo's documented request rules as code: the simulator answers 400 exactly where MiMo would.
        .target(name: "MimoSimulator", dependencies: ["ResponsesTranslation"]),
        .testTarget(
            name: "ResponsesTranslationTests",
            dependencies: [
                "ResponsesTranslation", "MimoSimulator",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/ResponsesTranslationTests"
        ),
        .testTarget(
            name: "MimoSimulatorTests",
            dependencies: ["MimoSimulator", "ResponsesTranslation"],
            path: "Tests/MimoSimulatorTests"
        ),
        .executableTarget(
            name: "TranslationBenchmark",
            dependencies: ["ResponsesTranslation"],
            path: "Benchmarks/TranslationBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
