import ControlPlane
import ControlServer
import Foundation
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct ControlClientTests {
    private func send<Call: ControlCall>(_ call: Call, to path: String, timeout: Duration = .seconds(10)) async throws
        -> Result<ControlOutcome<Call.Result>, ControlClientError>
    {
        try await offThePool {
            do throws(ControlClientError) {
                return .success(try ControlClient(path: path, timeout: timeout).send(call))
            } catch {
                return .failure(error)
            }
        }
    }

    @Test func notRunningWhenTheSocketOrItsDirectoryIsAbsent() async throws {
        try await withTemporaryDirectory { directory in
            for path in [directory + "/control.sock", directory + "/missing/control.sock"] {
                let result = try await send(StatusCall(), to: path)
                #expect(result == .failure(.notRunning(path)))
                guard case .failure(let error) = result else { continue }
                #expect(error.message.contains("not running"))
                #expect(error.hint?.contains("systemctl --user enable --now ccmimolinkd.socket") == true)
            }
        }
    }

    @Test func notRunningWhenOnlyAStaleSocketIsLeft() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/control.sock"
            close(try UnixListener.bind(path: path))
            let result = try await send(StatusCall(), to: path)
            #expect(result == .failure(.notRunning(path)))
        }
    }

    @Test func timesOutWhenTheDaemonDoesNotAnswer() async throws {
        let handler = FakeHandler { _ in try? await Task.sleep(for: .seconds(3)) }
        try await withControlServer(handler: handler) { path in
            let start = ContinuousClock.now
            let result = try await send(SyncCall(), to: path, timeout: .milliseconds(300))
            #expect(result == .failure(.timedOut))
            #expect(ContinuousClock.now - start < .seconds(2))
        }
    }

    @Test func aReplyForAnotherRequestIsAProtocolMismatch() async throws {
        try await withTemporaryDirectory { directory in
            // A fake daemon that answers with the wrong id and protocol version.
            let path = directory + "/control.sock"
            let listener = try UnixListener.bind(path: path)
            defer { close(listener) }
            for (answer, expected) in [
                (#"{"v":1,"id":99,"ok":true,"result":{}}"#, "request 99"),
                (#"{"v":2,"id":1,"ok":true,"result":{}}"#, "version 2"),
                ("HTTP/1.1 400 Bad Request", "not valid JSON"),
            ] {
                answerNextConnection(on: listener, with: answer)
                let result = try await send(StatusCall(), to: path)
                guard case .failure(.protocolMismatch(let detail)) = result else {
                    Issue.record("expected a protocol mismatch, got \(result)")
                    continue
                }
                #expect(detail.contains(expected), "\(detail)")
            }
        }
    }

    @Test func aResultThatIsNotTheCallsTypeIsUnreadableAndNamesTheField() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/control.sock"
            let listener = try UnixListener.bind(path: path)
            defer { close(listener) }
            answerNextConnection(on: listener, with: #"{"v":1,"id":1,"ok":true,"result":{"removed":"3","bytes_freed":1}}"#)
            let result = try await send(DrainCall(), to: path)
            guard case .failure(.unreadableResult(let error)) = result else {
                Issue.record("expected an unreadable result, got \(result)")
                return
            }
            #expect(error.message == "unreadable reply from the daemon: drain.removed must be an integer, got string")
        }
    }
}
