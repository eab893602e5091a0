import ControlPlane
import ControlServer
import Foundation
import Testing

/// Another user must not control the daemon: the socket's directory and mode keep them out, and if
/// those are loosened, SO_PEERCRED still does. Needs root, to run ccmimoctl as `nobody`.
@Suite(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: CcmimoctlProcess.setpriv),
                "needs root and setpriv to act as another user"),
       .timeLimit(.minutes(1)))
struct OtherUserTests {
    static let nobody: UInt32 = 65534

    @Test func thePrivateDirectoryAndModeKeepOtherUsersOut() async throws {
        try await withControlServer(handler: FakeHandler()) { path in
            let temp = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path
            chmod(temp, 0o755)  // mkdtemp's 0700 would hide the 0700 directory we want to test
            let outcome = try await CcmimoctlProcess.run(["status", "--socket", path], asUser: Self.nobody, in: temp)
            #expect(outcome.status == 77, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("permission denied"))
        }
    }

    @Test func peerCredentialsRefuseOtherUsersEvenWhenTheSocketIsOpen() async throws {
        let handler = FakeHandler()
        try await withControlServer(handler: handler) { path in
            let run = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let temp = URL(fileURLWithPath: run).deletingLastPathComponent().path
            chmod(temp, 0o755)
            chmod(run, 0o755)
            chmod(path, 0o777)
            let outcome = try await CcmimoctlProcess.run(["status", "--socket", path], asUser: Self.nobody, in: temp)
            #expect(outcome.status == 1, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("uid 65534 may not control this ccmimolinkd"))
            #expect(handler.commands.isEmpty, "the handler never ran")
        }
    }
}
