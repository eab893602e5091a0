import ControlPlane
import Testing

@Suite struct ControlSocketPathTests {
    @Test func explicitThenEnvironmentThenRuntimeDirectoryThenRunUser() {
        let env = ["CCMIMOLINK_CONTROL_SOCKET": "/env.sock", "XDG_RUNTIME_DIR": "/run/user/1000/"]
        #expect(ControlSocketPath.resolve(explicit: "/x.sock", environment: env) == "/x.sock")
        #expect(ControlSocketPath.resolve(explicit: nil, environment: env) == "/env.sock")
        #expect(ControlSocketPath.resolve(explicit: "", environment: ["XDG_RUNTIME_DIR": "/run/user/1000/"])
            == "/run/user/1000/ccmimolink/control.sock")
        #expect(ControlSocketPath.resolve(explicit: nil, environment: ["CCMIMOLINK_CONTROL_SOCKET": "", "XDG_RUNTIME_DIR": ""], uid: 1001)
            == "/run/user/1001/ccmimolink/control.sock")
    }

    @Test func processEnvironmentIsReadWithoutFoundation() {
        let environment = ControlSocketPath.processEnvironment()
        #expect(environment["PATH"] != nil)
    }

    @Test func pathsLongerThanSunPathAreRefused() {
        #expect(UnixSocketAddress.maxPathLength == 107)
        do throws(UnixSocketAddress.PathTooLong) {
            let fits = try UnixSocketAddress(path: "/" + String(repeating: "a", count: 106))
            #expect(fits.path.utf8.count == 107)
        } catch {
            Issue.record("refused a path that fits: \(error)")
        }
        do throws(UnixSocketAddress.PathTooLong) {
            _ = try UnixSocketAddress(path: "/" + String(repeating: "a", count: 107))
            Issue.record("accepted a 108-byte path")
        } catch {
            #expect(error.limit == 107)
        }
    }

    @Test func clientReportsATooLongPathWithoutTouchingTheFilesystem() {
        let path = "/" + String(repeating: "d", count: 200)
        do throws(ControlClientError) {
            _ = try ControlClient(path: path, timeout: .seconds(1)).send(StatusCall())
            Issue.record("connected?")
        } catch {
            #expect(error == .pathTooLong(path, limit: 107))
            #expect(error.hint?.contains("--socket") == true)
        }
    }
}
