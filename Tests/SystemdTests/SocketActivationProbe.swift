import Foundation
import Testing
import TestSupport

/// Runs `systemd-activation-probe` under `systemd-socket-activate` and returns what it printed.
struct SocketActivationProbe {
    /// How to ask systemd-socket-activate for one listener.
    enum Listener {
        case loopbackTCP(port: UInt16)
        case unixSocket(path: String)

        var argument: String {
            switch self {
            case .loopbackTCP(let port): "127.0.0.1:\(port)"
            case .unixSocket(let path): path
            }
        }
    }

    static let activatorCandidates = ["/usr/bin/systemd-socket-activate", "/bin/systemd-socket-activate"]

    /// The probe is built next to the test bundle by `swift build --build-tests`.
    static func probeURL() -> URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // Depending on the runner, argv[0] is the bundle itself or a file inside it.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("systemd-activation-probe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The probe's stdout lines. systemd-socket-activate execs the program only on the first connection
    /// attempt, so the test connects to `trigger` to start it.
    static func run(listeners: [Listener], fdNames: String?, trigger port: UInt16, in directory: String) async throws -> [String] {
        let activator = try #require(
            activatorCandidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "systemd-socket-activate not found in \(activatorCandidates); it comes with Debian's systemd package")
        let probe = try #require(probeURL(), "systemd-activation-probe not built (swift build --build-tests)")

        let stdoutPath = directory + "/probe.out", stderrPath = directory + "/probe.err"
        // Files rather than pipes: nothing can block on a full pipe, and the output survives a kill.
        guard FileManager.default.createFile(atPath: stdoutPath, contents: nil),
              FileManager.default.createFile(atPath: stderrPath, contents: nil) else {
            throw TestFailure("cannot create the probe's output files in \(directory)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: activator)
        process.arguments = listeners.flatMap { ["-l", $0.argument] } + (fdNames.map { ["--fdname=\($0)"] } ?? [])
            + [probe.path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
        let pid = process.processIdentifier
        defer { if process.isRunning { kill(pid, SIGKILL) } }

        try await LoopbackConnection.knock(port: port, within: .seconds(10))
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let errors = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        if process.isRunning {
            kill(pid, SIGKILL)
            throw TestFailure("the probe did not exit within 10 s; stderr: \(errors)")
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw TestFailure("the probe failed (\(process.terminationReason), \(process.terminationStatus)); stderr: \(errors)")
        }
        let output = try String(contentsOfFile: stdoutPath, encoding: .utf8)
        return output.split(separator: "\n").map(String.init)
    }
}
