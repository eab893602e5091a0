/// Why a request failed, as a stable machine-readable code on the wire.
public enum ControlErrorCode: String, Sendable, Equatable, CaseIterable {
    /// The line is not JSON, or lacks `v`, `id` or `command`.
    case malformedRequest = "malformed_request"
    case unsupportedVersion = "unsupported_version"
    case unknownCommand = "unknown_command"
    case invalidArguments = "invalid_arguments"
    /// The request line exceeded `ControlProtocol.maxLineLength`; the connection stays usable.
    case lineTooLong = "line_too_long"
    /// The peer runs as another user (and is not root).
    case notPermitted = "not_permitted"
    /// The command ran and failed (the message says why).
    case failed
    /// The command needs something the daemon does not have right now (e.g. no response store).
    case unavailable
    /// Another command of the same kind is running (e.g. a sync); try again shortly.
    case busy
}
