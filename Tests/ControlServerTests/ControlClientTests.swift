import ControlPlane
import ControlServer
import Foundation
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct ControlClientTests {
    private func send(_ command: ControlCommand, to path: String, timeout: Duration = .seconds(10)) async throws
        -> Result<ControlReply, ControlClientError>
    {
        try await offThePool {
            do throws(ControlClientError) {
                return .success(try ControlClient(path: path, timeout: timeout).send(command))
            } catch {
                return .failure(error)
            }
        }
    }

    @Test func notRunningWhenTheSocketOrItsDirectoryIsAbsent() async throws {
        try await withTemporaryDirectory { directory in
            for path in [directory + "/control.sock", directory + "/missing/control.sock"] {
                let result = try await send(.status, to: path)
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
            let result = try await send(.status, to: path)
            #expect(result == .failure(.notRunning(path)))
        }
    }

    @Test func timesOutWhenTheDaemonDoesNotAnswer() async throws {
        let handler = FakeHandler { _ in
            try? await Task.sleep(for: .seconds(3))
            return nil
        }
        try await withControlServer(handler: handler) { path in
            let start = ContinuousClock.now
            let result = try await send(.sync(dryRun: false, undo: false, providerID: nil), to: path, timeout: .milliseconds(300))
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
                let serve = Thread {
                    let connection = accept(listener, nil, nil)
                    var buffer = [UInt8](repeating: 0, count: 1024)
                    _ = read(connection, &buffer, buffer.count)
                    _ = (answer + "\n").withCString { write(connection, $0, strlen($0)) }
                    close(connection)
                }
                serve.start()
                let result = try await send(.status, to: path)
                guard case .failure(.protocolMismatch(let detail)) = result else {
                    Issue.record("expected a protocol mismatch, got \(result)")
                    continue
                }
                #expect(detail.contains(expected), "\(detail)")
            }
        }
    }
}
