import MimoSimulator
import MimoSimulatorServer

/// `mimo-simulator` flags: `--port N` (0 picks one), `--host 127.0.0.1|::1`, `--mode standard|token-plan`,
/// `--chunk-delay-ms N`, `--text-only MODEL` (repeatable), `--serve-retired`, `--help`.
enum CommandLineOptions {
    static let usage = """
        usage: mimo-simulator [--port N] [--host 127.0.0.1|::1] [--mode standard|token-plan] [--chunk-delay-ms N]
                              [--text-only MODEL]... [--serve-retired]
        Serves a simulated Xiaomi MiMo Chat Completions API on loopback for tests. Prints
        "listening on http://HOST:PORT" as its first line; stops on SIGTERM or SIGINT.
        """

    enum Outcome {
        case run(MimoSimulatorOptions)
        case help
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Outcome {
        var options = MimoSimulatorOptions()
        var remaining = arguments[...]
        var textOnly: Set<String> = []
        var servesRetired = false
        while let flag = remaining.popFirst() {
            if flag == "--help" || flag == "-h" { return .help }
            if flag == "--serve-retired" {
                servesRetired = true
                continue
            }
            guard let value = remaining.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--port":
                guard let port = Int(value), (0...65_535).contains(port) else { throw UsageError(description: "invalid port \(value)") }
                options.port = port
            case "--host":
                guard MimoSimulatorOptions.isLoopback(value) else {
                    throw UsageError(description: "refusing to bind \(value): only 127.0.0.1 or ::1 are allowed")
                }
                options.host = value
            case "--mode":
                guard let mode = MimoSimulatorMode(name: value) else { throw UsageError(description: "unknown mode \(value)") }
                options.mode = mode
            case "--text-only":
                guard SimulatedModelLineup().served[value] != nil else { throw UsageError(description: "unknown model \(value)") }
                textOnly.insert(value)
            case "--chunk-delay-ms":
                guard let milliseconds = Int(value), milliseconds >= 0 else { throw UsageError(description: "invalid delay \(value)") }
                options.chunkDelay = .milliseconds(milliseconds)
            default:
                throw UsageError(description: "unknown option \(flag)")
            }
        }
        options.lineup = SimulatedModelLineup(textOnly: textOnly, servesRetired: servesRetired)
        return .run(options)
    }
}
