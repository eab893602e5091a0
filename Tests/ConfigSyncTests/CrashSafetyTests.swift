import Foundation
import Testing
import TestSupport

/// A writer killed at any step of ConfigSync's atomic write leaves the old file or the new one,
/// never a mix. The writer is `configsync-crash-probe`, a separate process that SIGKILLs itself
/// at the step it is told.
@Suite struct CrashSafetyTests {
    /// Built next to the test bundle by `swift build --build-tests`.
    private static func probePath() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // On Linux the tests run from `<bin>/ccmimolinkPackageTests.xctest`; elsewhere from inside a bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("configsync-crash-probe").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw ProbeMissing()
    }

    struct ProbeMissing: Error, CustomStringConvertible {
        var description: String { "configsync-crash-probe is not built; run `swift build --build-tests` first" }
    }

    @Test(arguments: [
        ("temporary-created", false), ("partially-written", false), ("flushed", false), ("renamed", true), ("none", true),
    ])
    func aKilledWriterLeavesTheOldOrTheNewFile(step: String, expectsNew: Bool) throws {
        try withTemporaryDirectory { directory in
            let target = directory + "/config.toml"
            let old = Data(CodexLiveFixture.handEdited.utf8)
            // Large enough that "partially written" is really half a file.
            let new = Data((CodexLiveFixture.handEditedSynced + String(repeating: "# padding line\n", count: 20_000)).utf8)
            try old.write(to: URL(fileURLWithPath: target))
            chmod(target, 0o640)
            let newContents = directory + "/new-contents"
            try new.write(to: URL(fileURLWithPath: newContents))

            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: try Self.probePath())
            probe.arguments = [target, newContents, step]
            try probe.run()
            probe.waitUntilExit()

            if step == "none" {
                #expect(probe.terminationReason == .exit && probe.terminationStatus == 0)
            } else {
                #expect(probe.terminationReason == .uncaughtSignal && probe.terminationStatus == SIGKILL)
            }
            let after = try Data(contentsOf: URL(fileURLWithPath: target))
            #expect(after == old || after == new, "a torn file")
            #expect(after == (expectsNew ? new : old))
            #expect(try permissions(target) == 0o640)

            // The next write cleans up what the killed writer left behind.
            let finisher = Process()
            finisher.executableURL = probe.executableURL
            finisher.arguments = [target, newContents, "none"]
            try finisher.run()
            finisher.waitUntilExit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == new)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)
        }
    }
}
