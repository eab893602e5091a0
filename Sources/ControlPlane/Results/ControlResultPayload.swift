import ResponsesTranslation

/// A command's result as it travels in a reply's `result`: snake_case keys, unknown keys ignored when
/// reading, optional values written as null.
public protocol ControlResultPayload: Sendable, Equatable {
    func toJSON() -> JSONValue
    init(json: JSONValue) throws(ControlProtocolError)
}

extension ControlReply {
    /// The result read as `type`, or the daemon's failure.
    public func result<Payload: ControlResultPayload>(as type: Payload.Type) throws(ControlProtocolError) -> Result<Payload, ControlFailure> {
        switch self {
        case .success(_, let result): .success(try Payload(json: result))
        case .failure(_, let failure): .failure(failure)
        }
    }
}
