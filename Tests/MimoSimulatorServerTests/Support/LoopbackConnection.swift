import Foundation
import Glibc

/// A plain TCP connection to a loopback port, to see exactly what a client of the simulator sees:
/// truncated bodies, missing terminators, a server that stays silent. Blocking socket calls run on
/// threads of their own, never on Swift's cooperative pool, which the in-process server needs.
struct LoopbackConnection: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32

    /// Reads give up after this long, so a broken test fails instead of hanging.
    static let readTimeoutSeconds = 30

    static func open(port: Int) async throws -> LoopbackConnection {
        try await offPool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket() failed") }
            var timeout = timeval(tv_sec: readTimeoutSeconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else {
                Glibc.close(fd)
                throw Failure(description: "connect to port \(port) failed")
            }
            return LoopbackConnection(descriptor: fd)
        }
    }

    func send(_ bytes: [UInt8]) async throws {
        let fd = descriptor
        try await Self.offPool {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { throw Failure(description: "send failed") }
                offset += sent
            }
        }
    }

    /// Reads until the server closes the connection (or the read times out).
    func readToEnd() async throws -> [UInt8] {
        try await read(until: { _ in false })
    }

    /// Reads until the bytes so far contain `marker`, or the connection ends.
    func read(untilContaining marker: String) async throws -> [UInt8] {
        let needle = Array(marker.utf8)
        return try await read(until: { $0.count >= needle.count && $0.firstRange(of: needle) != nil })
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private func read(until done: @escaping @Sendable ([UInt8]) -> Bool) async throws -> [UInt8] {
        let fd = descriptor
        return try await Self.offPool {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            // Bounded: every recv either returns data, ends the stream, or times out.
            while !done(received) {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received.append(contentsOf: buffer[..<count])
            }
            return received
        }
    }

    /// Runs blocking work on a new thread: Dispatch's global pool grows slowly on Linux, and tests running
    /// in parallel would queue behind each other's blocked reads.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
