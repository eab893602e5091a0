import ResponsesTranslation

/// A line or payload that does not follow the control protocol. Carries the request id when it could be
/// read, so the error reply can still be matched to its request.
///
/// Also used locally for replies and result payloads the client cannot read; those never go on the wire
/// (`ControlClient` reports them as `ControlClientError.protocolMismatch`).
public struct ControlProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ControlErrorCode
    public var message: String
    public var hint: String?
    public var id: Int?

    public init(code: ControlErrorCode, message: String, hint: String? = nil, id: Int? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.id = id
    }

    public var description: String { message }

    /// What the daemon answers when it meets this error.
    public var reply: ControlReply {
        .failure(id: id, ControlFailure(code: code, message: message, hint: hint))
    }

    static func malformed(_ message: String, id: Int? = nil) -> ControlProtocolError {
        ControlProtocolError(code: .malformedRequest, message: message,
                             hint: #"send one JSON object per line, e.g. {"v":1,"id":1,"command":"status"}"#, id: id)
    }

    static func invalidArguments(_ message: String, id: Int?, command: String, accepted: [String]) -> ControlProtocolError {
        let hint = accepted.isEmpty
            ? "\(command) takes no arguments"
            : "\(command) accepts: " + accepted.joined(separator: ", ")
        return ControlProtocolError(code: .invalidArguments, message: message, hint: hint, id: id)
    }

    /// A reply, or its result, that does not read as its type: named by the path of the field.
    static func unreadableReply(_ error: JSONValueDecodingError, root: String) -> ControlProtocolError {
        ControlProtocolError(code: .malformedRequest, message: "unreadable reply from the daemon: \(error.description(root: root))",
                             hint: "ccmimoctl and ccmimolinkd may be from different releases")
    }
}
