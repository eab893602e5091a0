import Foundation
import TestSupport

/// Runs the built `ccmimoctl` and collects its exit status and output.
struct CcmimoctlProcess {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let setpriv = "/usr/bin/setpriv"

    /// Built next to the test bundle by `swift build --build-tests`.
    static func executablePath() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // On Linux the tests run from `<bin>/ccmimolinkPackageTests.xctest`; elsewhere from inside a bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("ccmimoctl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw TestFailure("ccmimoctl is not built; run `swift build --build-tests` first")
    }

    /// Output goes to files rather than pipes, so nothing blocks on a full pipe; the wait polls so the
    /// cooperative pool stays free for the server under test.
    /// `asUser` runs it under another uid through setpriv (the tests must run as root for that).
    static func run(_ arguments: [String], environment: [String: String] = [:], asUser uid: UInt32? = nil,
                    in directory: String) async throws -> Outcome {
        let process = Process()
        if let uid {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", try executablePath()] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: try executablePath())
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["CCMIMOLINK_CONTROL_SOCKET"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let id = UUID().uuidString
        let outPath = directory + "/ctl-\(id).out", errPath = directory + "/ctl-\(id).err"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw TestFailure("cannot create output files in \(directory)")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning {
            process.terminate()
            throw TestFailure("ccmimoctl \(arguments) did not exit within 30 s")
        }
        return Outcome(status: process.terminationStatus,
                       standardOutput: try String(contentsOfFile: outPath, encoding: .utf8),
                       standardError: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
