import Dispatch
import Foundation
import MimoSimulatorServer

// mimo-simulator: the simulated MiMo server as a process, for end-to-end tests driving the real Codex
// CLI through ccmimolinkd.

func standardError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

let options: MimoSimulatorOptions
do {
    switch try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst())) {
    case .help:
        print(CommandLineOptions.usage)
        exit(0)
    case .run(let parsed):
        options = parsed
    }
} catch {
    standardError("mimo-simulator: \(error)\n\(CommandLineOptions.usage)")
    exit(64)
}

let simulator: RunningMimoSimulator
do {
    simulator = try await RunningMimoSimulator.start(options)
} catch {
    standardError("mimo-simulator: \(error)")
    exit(1)
}

/// SIGTERM and SIGINT are taken from their default action and turned into a stop, which cancels
/// in-flight requests (a stall must not hold the exit) and lets the process exit 0.
func stopOnSignals(_ simulator: RunningMimoSimulator) -> [any DispatchSourceSignal] {
    let queue = DispatchQueue(label: "mimo-simulator.signals")
    return [SIGTERM, SIGINT].map { signalNumber in
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
        source.setEventHandler { Task { await simulator.stop() } }
        source.resume()
        return source
    }
}

let signalSources = stopOnSignals(simulator)
// Unbuffered, so the line reaches a parent reading the pipe at once.
FileHandle.standardOutput.write(Data("listening on \(simulator.rootURL)\n".utf8))
await simulator.waitUntilStopped()
withExtendedLifetime(signalSources) {}
exit(0)
