import Glibc
import TestSupport

/// An AF_UNIX datagram socket standing in for systemd's NOTIFY_SOCKET: the test process's NOTIFY_SOCKET
/// points at it while it is open.
final class NotifySocketCapture {
    private let directory: TemporaryDirectory
    private let fd: Int32
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path + "/notify.sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed, errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw TestFailure("bind \(path) failed, errno \(errno)") }
        // Every wait is bounded: a notifier that sent nothing fails the test after 2 s instead of hanging.
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setenv("NOTIFY_SOCKET", path, 1)
    }

    /// The next datagram's bytes as text, or nil when none arrived in time.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recvfrom(fd, $0.baseAddress, $0.count, 0, nil, nil) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }

    deinit {
        unsetenv("NOTIFY_SOCKET")
        close(fd)
    }
}
