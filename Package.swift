// swift-tools-version: 6.1
import PackageDescription

// How the daemon's release binary is linked on Linux (docs/PERFORMANCE.md, "Idle memory"). Most of an
// idle daemon's RSS is its own code, which the kernel maps 64 KB around every page that runs, so the
// code that runs is laid out together: lld places the functions listed in the order file (written by
// scripts/update-link-order) first. Packed relative relocations, and no dynamic symbol table for our
// own code, shrink what the loader touches at start. Names the order file lists but the binary lacks
// are skipped quietly: a stale file costs memory, never correctness.
let daemonReleaseLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-Xlinker", "--no-export-dynamic",
        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/packaging/linker/ccmimolinkd.order",
        "-Xlinker", "--no-warn-symbol-ordering",
    ], .when(platforms: [.linux], configuration: .release)),
]

// Dependencies point one way (docs/ARCHITECTURE.md, "Modules"):
//   ccmimolinkd → ProxyServer, ConfigSync, ControlServer, Systemd, DaemonConfiguration
//   ProxyServer → MimoUpstream, ResponseStore, UsageLedger;  ControlServer, ccmimoctl → ControlPlane
//   ResponseStore, UsageLedger, ConfigSync → StateFiles;  Systemd → CSystemd (libsystemd)
//   every module but Systemd → ResponsesTranslation, which is pure (no Foundation) and imports nothing of ours.
let package = Package(
    name: "ccmimolink",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ResponsesTranslation", targets: ["ResponsesTranslation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure Swift with no Foundation; `rounded()` needs libm linked explicitly on Linux.
        .target(name: "ResponsesTranslation", linkerSettings: [.linkedLibrary("m")]),
        // MiMo knowledge: endpoints and auth, SSE decoding, admission (concurrency, spacing, 429
        // backoff), retry policy, and the streaming client.
        .target(name: "MimoUpstream", dependencies: [
            "ResponsesTranslation",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // What every file of the daemon's state needs: owner-only directories and files, errno text,
        // SQLite's errors classified once, timestamps from a Date.
        .target(name: "StateFiles", dependencies: [
            "ResponsesTranslation", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The persistent response store (SQLite via GRDB, WAL).
        .target(name: "ResponseStore", dependencies: [
            "ResponsesTranslation", "StateFiles", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The usage ledger: tokens per local day and upstream model (SQLite via GRDB, WAL), and the
        // views and cost estimates `ccmimoctl usage` shows.
        .target(name: "UsageLedger", dependencies: [
            "ResponsesTranslation", "StateFiles", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        // Daemon settings: flags > environment > config.toml, each value with its source.
        .target(name: "DaemonConfiguration", dependencies: [
            "ResponsesTranslation", .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The HTTP surface: router, guards, stream pump with keepalives, catalog, metrics (swift-prometheus,
        // an instance registry; no swift-metrics bootstrap), and the service that serves the router on an
        // already-listening (possibly inherited) socket.
        .target(name: "ProxyServer", dependencies: [
            "ResponsesTranslation", "MimoUpstream", "ResponseStore", "UsageLedger",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOExtras", package: "swift-nio-extras"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        // cc-switch and Codex configuration: find the MiMo provider, plan, diff, back up, write
        // atomically, undo. Planning is pure; I/O lives at the edges.
        .target(name: "ConfigSync", dependencies: [
            "ResponsesTranslation", "StateFiles", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // Test helper: performs ConfigSync's atomic write and SIGKILLs itself at a chosen step.
        .executableTarget(name: "configsync-crash-probe", dependencies: ["ConfigSync"],
                          path: "Sources/configsync-crash-probe"),
        // libsystemd (Debian libsystemd-dev): sd-daemon and sd-journal, seen from Swift through a shim header.
        .systemLibrary(name: "CSystemd", path: "Sources/CSystemd", pkgConfig: "libsystemd",
                       providers: [.apt(["libsystemd-dev"])]),
        // systemd integration: readiness and watchdog notifications, inherited listeners, journald logging.
        .target(name: "Systemd", dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]),
        // Prints the listeners it inherited as JSON lines; SystemdTests runs it under systemd-socket-activate.
        .executableTarget(name: "systemd-activation-probe", dependencies: ["Systemd"],
                          path: "Sources/systemd-activation-probe"),
        // The control protocol (newline-delimited JSON over a Unix socket), its result payloads and the
        // blocking client. No NIO and no Foundation: ccmimoctl links only this and stays small.
        .target(name: "ControlPlane", dependencies: ["ResponsesTranslation"]),
        // The daemon's side of the control socket: serves ControlPlane requests on a listening fd with NIO.
        .target(name: "ControlServer", dependencies: [
            "ControlPlane", "ResponsesTranslation",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The control CLI: formats what the daemon answers over the control socket.
        .executableTarget(name: "ccmimoctl", dependencies: [
            "ControlPlane", "ResponsesTranslation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "ccmimolinkd", dependencies: [
            "ProxyServer", "DaemonConfiguration", "MimoUpstream", "ResponseStore", "UsageLedger", "ConfigSync", "Systemd",
            "ControlPlane", "ControlServer", "ResponsesTranslation", "StateFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ], linkerSettings: daemonReleaseLinking),
        // MiMo's documented request rules as code: the simulator answers 400 exactly where MiMo would.
        .target(name: "MimoSimulator", dependencies: ["ResponsesTranslation"]),
        // MiMo over HTTP for tests: auth, validation, a scripted reply "brain", fault injection, recording.
        .target(name: "MimoSimulatorServer", dependencies: [
            "MimoSimulator", "ResponsesTranslation", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "mimo-simulator", dependencies: ["MimoSimulatorServer", "MimoSimulator"],
                          path: "Sources/mimo-simulator"),
        // What the test targets share: temporary directories, privilege traits, SSE bodies decoded by the
        // production decoder (a frame that does not parse fails the test).
        .target(name: "TestSupport", dependencies: [
            "MimoUpstream", "ResponsesTranslation",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .testTarget(
            name: "ResponsesTranslationTests",
            dependencies: [
                "ResponsesTranslation", "MimoSimulator", "SessionReplay",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/ResponsesTranslationTests"
        ),
        .testTarget(name: "MimoSimulatorTests", dependencies: ["MimoSimulator", "ResponsesTranslation"],
                    path: "Tests/MimoSimulatorTests"),
        .testTarget(name: "MimoSimulatorServerTests", dependencies: [
            "TestSupport", "MimoSimulatorServer", "ResponsesTranslation",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "MimoUpstreamTests", dependencies: ["TestSupport", 
            "MimoUpstream", "ResponsesTranslation", .product(name: "PropertyBased", package: "swift-property-based"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "ResponseStoreTests", dependencies: ["TestSupport", "ResponseStore", "ResponsesTranslation"]),
        .testTarget(name: "StateFilesTests", dependencies: ["TestSupport", "StateFiles", "ResponsesTranslation", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "UsageLedgerTests", dependencies: ["TestSupport", 
            "UsageLedger", "ResponsesTranslation", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "DaemonConfigurationTests", dependencies: ["TestSupport", "DaemonConfiguration"]),
        .testTarget(name: "ConfigSyncTests", dependencies: ["TestSupport", 
            "ConfigSync", "ResponsesTranslation", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "SystemdTests", dependencies: ["TestSupport", 
            "Systemd", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "ControlPlaneTests", dependencies: [
            "ControlPlane", "ResponsesTranslation", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        // Real Unix sockets, and the built ccmimoctl run as a subprocess against a fake handler.
        .testTarget(name: "ControlServerTests", dependencies: ["TestSupport", 
            "ControlServer", "ControlPlane", "ResponsesTranslation",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "ProxyServerTests", dependencies: ["TestSupport", 
            "ProxyServer", "ResponsesTranslation", "MimoUpstream", "ResponseStore", "UsageLedger", "MimoSimulator",
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // The real MimoClient and the whole HTTP surface against the MiMo simulator, in process.
        .testTarget(name: "IntegrationTests", dependencies: ["TestSupport", 
            "ProxyServer", "MimoUpstream", "MimoSimulatorServer", "ResponsesTranslation", "ResponseStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // A recorded Codex session replayed through the translator as the daemon sends it, and what a
        // prompt cache could reuse of each request (CacheReuseBenchmark and the tests).
        .target(name: "SessionReplay", dependencies: ["ResponsesTranslation", "MimoSimulator"]),
        .executableTarget(
            name: "CacheReuseBenchmark",
            dependencies: ["SessionReplay", "ResponsesTranslation"],
            path: "Benchmarks/CacheReuse",
            exclude: ["record-session"]
        ),
        .executableTarget(name: "UsageLedgerBenchmark", dependencies: [
            "UsageLedger", "ResponsesTranslation", .product(name: "Logging", package: "swift-log"),
        ], path: "Benchmarks/UsageLedgerBenchmark"),
        // What /metrics costs each request (`swift run -c release MetricsBenchmark`).
        .executableTarget(name: "MetricsBenchmark", dependencies: [
            "ProxyServer", "ResponsesTranslation", "UsageLedger",
        ], path: "Benchmarks/MetricsBenchmark"),
        .executableTarget(
            name: "TranslationBenchmark",
            dependencies: ["ResponsesTranslation"],
            path: "Benchmarks/TranslationBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
