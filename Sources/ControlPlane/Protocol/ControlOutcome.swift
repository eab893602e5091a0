import ResponsesTranslation

/// What the daemon answered a call: its result, read as the call's result type, with the JSON it came
/// as (`ccmimoctl --json` prints that, so fields from a newer daemon are not lost); or its failure.
public enum ControlOutcome<Value: Sendable>: Sendable {
    case answered(Value, json: JSONValue)
    case failed(ControlFailure)

    /// Reads `reply` as the answer to `call`. A result that does not fit the call's type is an error
    /// naming the field, e.g. `unreadable reply from the daemon: status.upstream has no "base_url"`.
    public init<Call: ControlCall>(_ reply: ControlReply, to call: Call) throws(ControlProtocolError) where Call.Result == Value {
        switch reply {
        case .failure(_, let failure):
            self = .failed(failure)
        case .success(_, let json):
            do throws(JSONValueDecodingError) {
                self = .answered(try ControlProtocol.resultDecoder.decode(Value.self, from: json), json: json)
            } catch {
                throw .unreadableReply(error, root: call.command.wireName)
            }
        }
    }
}

extension ControlOutcome: Equatable where Value: Equatable {}
