import Glibc
import Systemd
import Testing
import TestSupport

extension ProcessEnvironmentTests {
    @Suite struct InheritedListenersTests {
        @Test func namedListenersArriveInOrderWithTheirNames() async throws {
            let lines = try await runProbe(unixFirst: false, fdNames: "http:control")
            #expect(lines == [#"{"fd":3,"name":"http"}"#, #"{"fd":4,"name":"control"}"#])
        }

        @Test func namesFromTheSocketUnitsArePassedThrough() async throws {
            let lines = try await runProbe(unixFirst: false, fdNames: "web:admin")
            #expect(lines == [#"{"fd":3,"name":"web"}"#, #"{"fd":4,"name":"admin"}"#])
        }

        /// Without --fdname no LISTEN_FDNAMES is set; the address family decides, whatever the order.
        @Test func withoutNamesTheAddressFamilyDecides() async throws {
            let lines = try await runProbe(unixFirst: true, fdNames: nil)
            #expect(lines == [#"{"fd":3,"name":"control"}"#, #"{"fd":4,"name":"http"}"#])
        }

        @Test func aProcessThatWasNotActivatedInheritsNothing() throws {
            #expect(try InheritedListeners.take().isEmpty)
        }

        @Test func listenFdsForAnotherProcessAreIgnored() throws {
            setenv("LISTEN_PID", String(getpid() + 1), 1)
            setenv("LISTEN_FDS", "2", 1)
            defer { unsetenv("LISTEN_PID"); unsetenv("LISTEN_FDS") }
            #expect(try InheritedListeners.take().isEmpty)
        }

        @Test func mismatchedNamesAreATypedError() throws {
            // libsystemd refuses either way: EINVAL for one name for two fds, or EBADF if fds 3 and 4 are not
            // open in the test process.
            setenv("LISTEN_PID", String(getpid()), 1)
            setenv("LISTEN_FDS", "2", 1)
            setenv("LISTEN_FDNAMES", "only-one", 1)
            defer { unsetenv("LISTEN_PID"); unsetenv("LISTEN_FDS"); unsetenv("LISTEN_FDNAMES") }
            #expect(throws: InheritedListenersError.self) {
                try InheritedListeners.take()
            }
        }

        private func runProbe(unixFirst: Bool, fdNames: String?) async throws -> [String] {
            let directory = try TemporaryDirectory()
            let port = try LoopbackConnection.freePort()
            let tcp = SocketActivationProbe.Listener.loopbackTCP(port: port)
            let unix = SocketActivationProbe.Listener.unixSocket(path: directory.path + "/control.sock")
            return try await SocketActivationProbe.run(
                listeners: unixFirst ? [unix, tcp] : [tcp, unix], fdNames: fdNames, trigger: port, in: directory.path)
        }
    }
}
