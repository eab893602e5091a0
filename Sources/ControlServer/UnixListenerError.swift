import ControlPlane
import Glibc

/// Why the daemon could not create its control socket, with what to do about it.
public enum UnixListenerError: Error, Sendable, Equatable, CustomStringConvertible {
    case pathTooLong(String, limit: Int)
    /// A live daemon already answers on the path.
    case inUse(String)
    /// Something other than a socket sits at the path; we never delete it.
    case notASocket(String)
    /// A system call failed: which one, on which path, and errno.
    case system(call: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .pathTooLong(let path, let limit):
            "the control socket path \(path) is longer than the \(limit) bytes a Unix socket allows; "
                + "choose a shorter one with \(ControlSocketPath.environmentVariable)"
        case .inUse(let path):
            "another ccmimolinkd already answers on \(path); stop it first (`ccmimoctl status` shows its pid), "
                + "or give this one another socket with \(ControlSocketPath.environmentVariable)"
        case .notASocket(let path):
            "\(path) exists and is not a socket; move it away or choose another path with \(ControlSocketPath.environmentVariable)"
        case .system(let call, let path, let code):
            "\(call) \(path): \(String(cString: strerror(code)))"
        }
    }
}
