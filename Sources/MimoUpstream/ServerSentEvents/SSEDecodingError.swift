/// Why an upstream event stream was abandoned. Both limits exist so a misbehaving upstream (or
/// something in between that never sends a newline) cannot make the daemon buffer without bound.
public enum SSEDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A single line exceeded the limit (in bytes) before its line end.
    case lineTooLong(limit: Int)
    /// One event's `data:` lines together exceeded the limit (in bytes) before a blank line.
    case eventTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .lineTooLong(let limit):
            "MiMo's event stream sent a line longer than \(limit) bytes without a line end; the stream was abandoned. "
                + "If a proxy sits between ccmimolink and MiMo, check that it does not rewrite the stream."
        case .eventTooLarge(let limit):
            "MiMo's event stream sent an event larger than \(limit) bytes without a blank line; the stream was abandoned. "
                + "If a proxy sits between ccmimolink and MiMo, check that it does not rewrite the stream."
        }
    }
}
