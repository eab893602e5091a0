import ArgumentParser
import ControlPlane
import Glibc
import ResponsesTranslation

/// Sends one command and returns its result, or prints why not and exits with the matching status.
struct DaemonRequest {
    let options: ConnectionOptions

    /// The result payload; on any failure this prints to stderr (and to stdout as JSON with --json)
    /// and throws the exit code.
    func send<Payload: ControlResultPayload>(_ command: ControlCommand, expecting type: Payload.Type) throws -> (Payload, JSONValue) {
        let client = ControlClient(path: options.resolvedSocketPath, timeout: .milliseconds(Int64(options.timeout * 1000)))
        let reply: ControlReply
        do {
            reply = try client.send(command)
        } catch {
            if case .timedOut = error {
                StandardError.write("ccmimoctl: ccmimolinkd did not answer within \(HumanFormat.seconds(options.timeout))")
            } else {
                StandardError.write("ccmimoctl: \(error.message)")
            }
            if let hint = error.hint { StandardError.write("hint: \(hint)") }
            throw ExitStatus.forClientError(error)
        }
        switch reply {
        case .failure(_, let failure):
            if options.json { print(Self.failureJSON(failure).prettyPrinted()) }
            StandardError.write("ccmimoctl: \(command.wireName) failed: \(failure.message)")
            if let hint = failure.hint { StandardError.write("hint: \(hint)") }
            throw ExitStatus.daemonError
        case .success(_, let result):
            do {
                return (try Payload(json: result), result)
            } catch {
                StandardError.write("ccmimoctl: \(error.message)")
                if let hint = error.hint { StandardError.write("hint: \(hint)") }
                throw ExitStatus.protocolMismatch
            }
        }
    }

    private static func failureJSON(_ failure: ControlFailure) -> JSONValue {
        var error = JSONObject()
        error.appendUnique("code", .string(failure.code.rawValue))
        error.appendUnique("message", .string(failure.message))
        if let hint = failure.hint { error.appendUnique("hint", .string(hint)) }
        return ["error": .object(error)]
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
