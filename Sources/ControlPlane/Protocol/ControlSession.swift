import ResponsesTranslation

/// What the daemon does with each framed line: run a request, or answer at once with an error.
/// Pure, so that every malformed-input path is tested without sockets. A bad line always gets an
/// error reply; it never closes the connection.
public enum ControlSession {
    public enum Step: Sendable, Equatable {
        /// A valid request: run it and reply with its outcome.
        case run(ControlRequest)
        /// Send this reply without running anything.
        case reply(ControlReply)
        /// A blank line (people typing into `socat`): nothing to answer.
        case ignore
    }

    public static func step(for event: ControlLineFramer.Event) -> Step {
        switch event {
        case .tooLong:
            return .reply(.failure(id: nil, ControlFailure(
                code: .lineTooLong,
                message: "the request line is longer than \(ControlProtocol.maxLineLength) bytes and was discarded",
                hint: "send shorter requests; the connection is still open")))
        case .line(let line):
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return .ignore }
            do {
                return .run(try ControlRequest.decode(line: line))
            } catch {
                return .reply(error.reply)
            }
        }
    }

    /// The reply line for a request's outcome. A result the daemon cannot encode (a bug) becomes a
    /// `failed` reply rather than a dropped connection.
    public static func reply<Value: Encodable>(to request: ControlRequest, outcome: Result<Value, ControlFailure>) -> ControlReply {
        switch outcome {
        case .success(let result):
            do {
                return .success(id: request.id, result: try ControlProtocol.resultEncoder.encode(result))
            } catch {
                return .failure(id: request.id, ControlFailure(
                    code: .failed, message: "ccmimolinkd could not write its \(request.command.wireName) result: \(error)"))
            }
        case .failure(let failure):
            return .failure(id: request.id, failure)
        }
    }
}
