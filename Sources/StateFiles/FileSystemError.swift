#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file operation the system refused: which path and why, in words a user can act on. Each module
/// phrases it for what the file is for.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `strerror` text plus the number: `Permission denied (errno 13)`.
    public init(path: String, errno code: Int32) {
        self.init(path: path, reason: Self.text(errno: code))
    }

    public static func text(errno code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    public var description: String { "\(path): \(reason)" }
}
