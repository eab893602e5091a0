import ControlPlane
import ControlServer
import Glibc
import Testing
import TestSupport

/// Root ignores file modes, so these run only without privileges: `scripts/test` runs them again as
/// `nobody` when the suite runs as root. OtherUserTests covers the same refusal from root's side.
@Suite(.timeLimit(.minutes(1))) struct ControlClientUnprivilegedTests {
    @Test(.unprivileged) func permissionDeniedOnASocketOfAnotherUser() async throws {
        try await withControlServer(handler: FakeHandler()) { path in
            chmod(path, 0o000)
            let result = try await offThePool {
                do throws(ControlClientError) {
                    return Result<ControlOutcome<DaemonStatus>, ControlClientError>.success(
                        try ControlClient(path: path, timeout: .seconds(10)).send(StatusCall()))
                } catch {
                    return .failure(error)
                }
            }
            #expect(result == .failure(.permissionDenied(path)))
            guard case .failure(let error) = result else { return }
            #expect(error.message.contains("permission denied"))
        }
    }
}
