import Glibc
import TestSupport

/// Plain socket calls on 127.0.0.1 for the activation tests.
enum LoopbackConnection {
    /// A loopback port that was free a moment ago: bind port 0, read the port back, close.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed, errno \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw TestFailure("bind/getsockname on 127.0.0.1:0 failed, errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Connects once and hangs up, retrying while nothing listens yet, for at most `limit`.
    static func knock(port: UInt16, within limit: Duration) async throws {
        let deadline = ContinuousClock.now + limit
        while true {
            if connectOnce(port: port) { return }
            guard ContinuousClock.now < deadline else {
                throw TestFailure("nothing accepted connections on 127.0.0.1:\(port) within \(limit)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private static func connectOnce(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
