import Glibc

/// Why `ccmimoctl` could not get an answer, phrased so the user knows what to do next.
public enum ControlClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing listens on the socket (no file, or a stale one).
    case notRunning(String)
    /// The socket or its directory belongs to someone else.
    case permissionDenied(String)
    /// The daemon accepted the connection but did not answer in time.
    case timedOut
    /// The daemon answered something this client cannot read (usually a version skew).
    case protocolMismatch(String)
    /// The daemon's result does not read as the command's result type; the error names the field.
    case unreadableResult(ControlProtocolError)
    /// Any other system error: errno and what was being done.
    case io(Int32, String)
    /// The path does not fit in `sockaddr_un` (108 bytes on Linux).
    case pathTooLong(String, limit: Int)

    /// How to start the daemon, for `.notRunning` and for docs.
    public static let startHint =
        "start it with `systemctl --user enable --now ccmimolinkd.socket` (which also starts the control socket), or run `ccmimolinkd` in a terminal"

    public var message: String {
        switch self {
        case .notRunning(let path): "ccmimolinkd is not running (nothing answers on \(path))"
        case .permissionDenied(let path): "permission denied on the control socket \(path)"
        case .timedOut: "ccmimolinkd did not answer in time"
        case .protocolMismatch(let detail): "ccmimolinkd answered in a way this ccmimoctl does not understand: \(detail)"
        case .unreadableResult(let error): error.message
        case .io(let code, let what): "\(what): \(String(cString: strerror(code)))"
        case .pathTooLong(let path, let limit):
            "the control socket path is \(path.utf8.count) bytes, longer than the \(limit) a Unix socket allows: \(path)"
        }
    }

    public var hint: String? {
        switch self {
        case .notRunning: Self.startHint
        case .permissionDenied:
            "the daemon only answers its own user; run ccmimoctl as the user that runs ccmimolinkd, or pass --socket"
        case .timedOut: "it may be busy (a sync can take a while); try again with a larger --timeout, or check `ccmimoctl logs`"
        case .protocolMismatch: "use the ccmimoctl that came with this ccmimolinkd"
        case .unreadableResult(let error): error.hint
        case .io: nil
        case .pathTooLong:
            "choose a shorter path with --socket or \(ControlSocketPath.environmentVariable) (and the same for the daemon)"
        }
    }

    public var description: String { hint.map { "\(message)\n\($0)" } ?? message }
}
