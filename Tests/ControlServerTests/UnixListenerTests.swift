import ControlServer
import Foundation
import Testing
import TestSupport

@Suite struct UnixListenerTests {
    @Test func createsTheDirectoryAndA0600Socket() async throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/a/b/control.sock"
            let fd = try UnixListener.bind(path: path)
            defer { close(fd) }
            var info = stat()
            #expect(stat(path, &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFSOCK)
            #expect(info.st_mode & 0o777 == 0o600)
            #expect(stat(directory + "/a/b", &info) == 0)
            #expect(info.st_mode & 0o777 == 0o700)
            #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        }
    }

    /// A socket file left by a daemon that died (nobody listens on it) is replaced by a live one.
    @Test func replacesAStaleSocket() async throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/control.sock"
            close(try UnixListener.bind(path: path))  // the file stays, nobody listens: stale
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(Self.connects(to: path) == false, "the stale socket answered")
            let fd = try UnixListener.bind(path: path)
            defer { close(fd) }
            #expect(Self.connects(to: path), "the new socket does not accept connections")
        }
    }

    /// Whether a client can connect to the Unix socket at `path` (the listen backlog accepts it).
    static func connects(to path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
    }

    @Test func refusesASocketSomeoneAnswersOn() async throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/control.sock"
            let first = try UnixListener.bind(path: path)
            defer { close(first) }
            do throws(UnixListenerError) {
                close(try UnixListener.bind(path: path))
                Issue.record("bound over a live socket")
            } catch {
                #expect(error == .inUse(path))
                #expect(error.description.contains("another ccmimolinkd"))
            }
        }
    }

    @Test func neverDeletesSomethingThatIsNotASocket() async throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/control.sock"
            #expect(FileManager.default.createFile(atPath: path, contents: Data("keep".utf8)))
            do throws(UnixListenerError) {
                close(try UnixListener.bind(path: path))
                Issue.record("replaced a regular file")
            } catch {
                #expect(error == .notASocket(path))
            }
            #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
        }
    }

    @Test func refusesPathsLongerThanSunPath() {
        let path = "/tmp/" + String(repeating: "p", count: 120)
        do throws(UnixListenerError) {
            close(try UnixListener.bind(path: path))
            Issue.record("bound a path longer than sun_path")
        } catch {
            #expect(error == .pathTooLong(path, limit: 107))
        }
    }
}
