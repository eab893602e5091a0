import ArgumentParser
import ControlPlane
import Glibc
import ResponsesTranslation

/// Sends one call and returns its result, or prints why not and exits with the matching status.
struct DaemonRequest {
    let options: ConnectionOptions

    /// The call's result, with the JSON the daemon sent (what --json prints); on any failure this prints
    /// to stderr (and to stdout as JSON with --json) and throws the exit code.
    func send<Call: ControlCall>(_ call: Call) throws -> (Call.Result, JSONValue) {
        let client = ControlClient(path: options.resolvedSocketPath, timeout: .milliseconds(Int64(options.timeout * 1000)))
        let outcome: ControlOutcome<Call.Result>
        do {
            outcome = try client.send(call)
        } catch {
            if case .timedOut = error {
                StandardError.write("ccmimoctl: ccmimolinkd did not answer within \(HumanFormat.seconds(options.timeout))")
            } else {
                StandardError.write("ccmimoctl: \(error.message)")
            }
            if let hint = error.hint { StandardError.write("hint: \(hint)") }
            throw ExitStatus.forClientError(error)
        }
        switch outcome {
        case .failed(let failure):
            if options.json { print(JSONValue.object(["error": failure.json]).prettyPrinted()) }
            StandardError.write("ccmimoctl: \(call.command.wireName) failed: \(failure.message)")
            if let hint = failure.hint { StandardError.write("hint: \(hint)") }
            throw ExitStatus.daemonError
        case .answered(let result, let json):
            return (result, json)
        }
    }
}

enum StandardError {
    static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
