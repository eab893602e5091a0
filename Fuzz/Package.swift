// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for ccmimolink's parsers and state machines; run them with `scripts/fuzz`.
//
// A separate package so the main package's `swift build` never sees the fuzzer flags. The code under
// test is the main package's own source, reached through the symlinks in Linked/, rather than through a
// path dependency: a path dependency would resolve and fetch the daemon's whole graph (NIO,
// AsyncHTTPClient, GRDB, …), and the SSE decoder lives in MimoUpstream, whose other files need
// AsyncHTTPClient. Compiling just the pure folders keeps a cold build to a few minutes on 2 cores.
// If one of the linked folders ever imports a package, link its dependency here too.

// Every module is instrumented (coverage for libFuzzer, ASan for memory errors in the unsafe-pointer
// code). The flags live here, not on the command line, so a plain `swift build` of this package works.
let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
// -enable-testing lets the targets reach internal knobs (e.g. the scanner's hold limit).
let underTest: [SwiftSetting] = instrumented + [.unsafeFlags(["-enable-testing"])]
let linkFuzzer: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: dependencies + ["FuzzSupport"], path: "Sources/\(name)",
                      swiftSettings: instrumented, linkerSettings: linkFuzzer)
}

let package = Package(
    name: "ccmimolink-fuzz",
    targets: [
        .target(name: "ResponsesTranslation", path: "Linked/ResponsesTranslation", swiftSettings: underTest,
                linkerSettings: [.linkedLibrary("m")]),
        .target(name: "MimoSimulator", dependencies: ["ResponsesTranslation"], path: "Linked/MimoSimulator",
                swiftSettings: underTest),
        .target(name: "ServerSentEvents", path: "Linked/ServerSentEvents", swiftSettings: underTest),
        .target(name: "ControlPlane", dependencies: ["ResponsesTranslation"], path: "Linked/ControlPlane",
                swiftSettings: underTest),
        // LLVMFuzzerRunDriver, so each target has an ordinary Swift entry point (SwiftPM renames an
        // executable's `main`, which libFuzzer's own `main` would otherwise have to be).
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], swiftSettings: instrumented),

        fuzzTarget("fuzz-request", ["ResponsesTranslation", "MimoSimulator"]),
        fuzzTarget("fuzz-sse-stream", ["ResponsesTranslation", "ServerSentEvents"]),
        fuzzTarget("fuzz-text-tool-calls", ["ResponsesTranslation"]),
        fuzzTarget("fuzz-control", ["ControlPlane", "ResponsesTranslation"]),
    ],
    swiftLanguageModes: [.v6]
)
