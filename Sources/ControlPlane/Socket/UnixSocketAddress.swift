import Glibc

/// A `sockaddr_un` for a filesystem path, refusing paths that do not fit: the kernel would silently
/// truncate them and talk to a different socket.
public struct UnixSocketAddress: Sendable {
    public let path: String
    /// `sun_path` holds 108 bytes on Linux, including the terminating NUL.
    public static let maxPathLength = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    public struct PathTooLong: Error, Sendable, Equatable {
        public var path: String
        public var limit: Int
    }

    public init(path: String) throws(PathTooLong) {
        guard path.utf8.count <= Self.maxPathLength, !path.utf8.contains(0) else {
            throw PathTooLong(path: path, limit: Self.maxPathLength)
        }
        self.path = path
    }

    /// Calls `body` with the address and its length, for `bind` and `connect`.
    public func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
