import Foundation
import Testing

/// The `mimo-simulator` process: prints where it listens, serves, and exits cleanly on a signal.
@Suite struct ExecutableTests {
    /// The executable is built next to the test bundle by `swift build --build-tests`.
    static var executableURL: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // Depending on the runner, argv[0] is the bundle itself or a file inside it.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("mimo-simulator")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    static func launch(_ arguments: [String]) async throws -> (Process, Pipe, Pipe) {
        let url = try #require(executableURL, "build mimo-simulator first (swift build --build-tests)")
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    /// Reads stdout up to the first newline, off the cooperative pool (the read blocks).
    static func firstLine(of pipe: Pipe) async throws -> String {
        let handle = pipe.fileHandleForReading
        return try await LoopbackConnection.offPool {
            var bytes: [UInt8] = []
            // Bounded by the line length: the process prints one short line first.
            while bytes.count < 4_096, bytes.last != UInt8(ascii: "\n") {
                let chunk = handle.readData(ofLength: 1)
                if chunk.isEmpty { break }
                bytes.append(contentsOf: chunk)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The exit status, 0 only for a normal exit with status 0 (a death by signal is not one).
    static func waitForExit(_ process: Process) async throws -> Int32 {
        let exit = UncheckedProcess(process: process)
        return try await LoopbackConnection.offPool {
            exit.process.waitUntilExit()
            return exit.process.terminationReason == .exit ? exit.process.terminationStatus : 128 + exit.process.terminationStatus
        }
    }

    /// Foundation's Process is not Sendable; only the waiting thread touches it until the test reads the
    /// result.
    struct UncheckedProcess: @unchecked Sendable {
        let process: Process
    }

    @Test func printsItsPortServesAndStopsOnSIGTERM() async throws {
        let (process, output, _) = try await Self.launch(["--port", "0", "--host", "127.0.0.1"])
        let line = try await Self.firstLine(of: output)
        #expect(line.hasPrefix("listening on http://127.0.0.1:"))
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").last ?? ""))
        let health = try await SimulatorHarness.exchange(port: port, method: "GET", path: "/__sim/health")
        #expect(health.status == 200)
        let chat = try await SimulatorHarness.exchange(port: port, body: ChatBodies.user("hello").serialized())
        #expect(try AssembledStream(chat.chunks).content == "Hello from the MiMo simulator.")
        kill(process.processIdentifier, SIGTERM)
        #expect(try await Self.waitForExit(process) == 0)
    }

    @Test func sigintStopsItEvenDuringAStall() async throws {
        let (process, output, _) = try await Self.launch(["--mode", "token-plan"])
        let line = try await Self.firstLine(of: output)
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").last ?? ""))
        let connection = try await LoopbackConnection.open(port: port)
        defer { connection.close() }
        try await connection.send(SimulatorHarness.requestBytes(
            method: "POST", path: "/v1/chat/completions", headers: ["api-key": "tp-key"],
            body: ChatBodies.user("hello SIM_FAULT_STALL_120").serialized()))
        #expect(try await SimulatorHarness.waitForHealth(port: port) { $0["active_stalls"]?.intValue == 1 })
        kill(process.processIdentifier, SIGINT)
        #expect(try await Self.waitForExit(process) == 0)
    }

    @Test func refusesANonLoopbackHost() async throws {
        let (process, _, errors) = try await Self.launch(["--host", "0.0.0.0"])
        #expect(try await Self.waitForExit(process) != 0)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("only 127.0.0.1 or ::1"))
    }
}
