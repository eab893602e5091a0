/// Why a response ended before its last event: the `reason` of its log line (outcome
/// `client_disconnected`), for the person reading the journal.
enum AbandonReason: Sendable, Equatable, CustomStringConvertible {
    /// A response that does not stream: the request's task was cancelled while MiMo's answer was awaited.
    case cancelled
    /// The client reset the connection before the response head could be written.
    case clientGoneBeforeStreamStarted
    /// The server is shutting down and cancelled the request.
    case daemonStopping
    /// Writing to the client failed: it went away mid-stream.
    case clientGone(detail: String)
    /// Any other error out of the stream.
    case unexpected(String)

    var description: String {
        switch self {
        case .cancelled: "cancelled"
        case .clientGoneBeforeStreamStarted: "client gone before the stream started"
        case .daemonStopping: "the daemon is stopping"
        case .clientGone(let detail): "client gone: \(detail)"
        case .unexpected(let error): error
        }
    }
}
