import ControlServer
import Foundation
import Testing

@Suite struct UnixListenerTests {
    @Test func createsTheDirectoryAndA0600Socket() async throws {
        try await withTemporaryDirectory { directory in
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

    @Test func replacesAStaleSocket() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/control.sock"
            close(try UnixListener.bind(path: path))  // the file stays, nobody listens: stale
            let fd = try UnixListener.bind(path: path)
            close(fd)
        }
    }

    @Test func refusesASocketSomeoneAnswersOn() async throws {
        try await withTemporaryDirectory { directory in
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
        try await withTemporaryDirectory { directory in
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
