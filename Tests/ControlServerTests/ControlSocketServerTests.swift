import ControlPlane
import ControlServer
import Foundation
import ResponsesTranslation
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct ControlSocketServerTests {
    static let everyCommand: [ControlCommand] = [
        .status, .health(probe: false), .health(probe: true),
        .sync(dryRun: false, undo: false, providerID: nil), .sync(dryRun: true, undo: true, providerID: "mimo-1"),
        .model(.show), .model(.select("mimo-v2.5-pro")), .model(.reset), .drain, .store, .reload,
    ]

    private func reply(_ line: String?) throws -> ControlReply {
        guard let line else { throw TestFailure("the connection closed instead of replying") }
        do throws(ControlProtocolError) {
            return try ControlReply.decode(line: Array(line.utf8))
        } catch {
            throw TestFailure("unreadable reply \(line): \(error)")
        }
    }

    private func errorCode(_ reply: ControlReply) -> ControlErrorCode? {
        if case .failure(_, let failure) = reply { return failure.code }
        return nil
    }

    @Test func everyCommandReachesTheHandlerIntact() async throws {
        let handler = FakeHandler()
        try await withControlServer(handler: handler) { path in
            for command in Self.everyCommand {
                let client = ControlClient(path: path, timeout: .seconds(10))
                let reply = try await offThePool { try client.send(command) }
                guard case .success(let id, let result) = reply else {
                    Issue.record("\(command) failed: \(reply)")
                    continue
                }
                #expect(id == 1)
                #expect(result["command"] == .string(command.wireName))
                #expect(result["peer_pid"] == .int(Int(getpid())), "the peer is this process")
            }
            #expect(handler.commands == Self.everyCommand)
        }
    }

    @Test func badLinesGetErrorRepliesAndTheSameConnectionAnswersTheNextRequest() async throws {
        try await withControlServer(handler: FakeHandler()) { path in
            let replies = try await offThePool { () throws -> [ControlReply] in
                let connection = try RawConnection(path: path)
                var replies: [ControlReply] = []
                let status = #"{"v":1,"id":2,"command":"status"}"# + "\n"
                for bad in [
                    "this is not json\n", #"{"v":1,"id":3,"command":"teleport"}"# + "\n",
                    #"{"v":9,"id":4,"command":"status"}"# + "\n",
                    #"{"v":1,"id":5,"command":"sync","args":{"dry_run":"yes"}}"# + "\r\n",
                    String(repeating: "x", count: ControlProtocol.maxLineLength + 10) + "\n",
                ] {
                    try connection.send(bad)
                    replies.append(try reply(connection.readLine()))
                    try connection.send(status)
                    replies.append(try reply(connection.readLine()))
                }
                return replies
            }
            let errors = stride(from: 0, to: replies.count, by: 2).map { errorCode(replies[$0]) }
            #expect(errors == [.malformedRequest, .unknownCommand, .unsupportedVersion, .invalidArguments, .lineTooLong])
            #expect(stride(from: 0, to: replies.count, by: 2).map { replies[$0].id } == [nil, 3, 4, 5, nil])
            for index in stride(from: 1, to: replies.count, by: 2) {
                guard case .success(2, _) = replies[index] else {
                    Issue.record("status after a bad line: \(replies[index])")
                    continue
                }
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        // Slow answers for some commands: order must still follow the requests.
        let handler = FakeHandler { command in
            if case .health = command { try? await Task.sleep(for: .milliseconds(30)) }
            return nil
        }
        try await withControlServer(handler: handler) { path in
            let ids = try await offThePool { () throws -> [Int?] in
                let connection = try RawConnection(path: path)
                var batch: [UInt8] = []
                for id in 1...40 {
                    batch += ControlRequest(id: id, command: id % 3 == 0 ? .health(probe: false) : .status).encodedLine()
                }
                try connection.send(batch)
                return try (1...40).map { _ in try reply(connection.readLine()).id }
            }
            #expect(ids == Array(1...40))
        }
    }

    @Test func aHalfClosedClientStillGetsItsReply() async throws {
        try await withControlServer(handler: FakeHandler()) { path in
            let lines = try await offThePool { () throws -> [String?] in
                let connection = try RawConnection(path: path)
                // No trailing newline: the framer's last line, answered after the client's EOF.
                try connection.send(#"{"v":1,"id":1,"command":"store"}"# + "\n" + #"{"v":1,"id":2,"command":"drain"}"#)
                connection.shutdownWrite()
                return [try connection.readLine(), try connection.readLine(), try connection.readLine()]
            }
            let first = try reply(lines[0]), second = try reply(lines[1])
            #expect(first.id == 1)
            #expect(second.id == 2)
            #expect(lines[2] == nil, "the server closes after answering")
        }
    }

    @Test func handlerFailuresBecomeErrorRepliesAndTheServerCarriesOn() async throws {
        let handler = FakeHandler { command in
            command == .drain ? .failure(ControlFailure(code: .unavailable, message: "no store", hint: "set a state directory")) : nil
        }
        try await withControlServer(handler: handler) { path in
            let client = ControlClient(path: path, timeout: .seconds(10))
            let drained = try await offThePool { try client.send(.drain) }
            #expect(drained == .failure(id: 1, ControlFailure(code: .unavailable, message: "no store", hint: "set a state directory")))
            let status = try await offThePool { try client.send(.status) }
            guard case .success = status else {
                Issue.record("status after a failure: \(status)")
                return
            }
        }
    }

    @Test func manyClientsAtOnce() async throws {
        try await withControlServer(handler: FakeHandler()) { path in
            try await withThrowingTaskGroup(of: ControlReply.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await offThePool { try ControlClient(path: path, timeout: .seconds(10)).send(.status) } }
                }
                for try await reply in group {
                    guard case .success = reply else { throw TestFailure("a concurrent client failed: \(reply)") }
                }
            }
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        try await withControlServer(handler: FakeHandler(), idleTimeout: .milliseconds(200)) { path in
            let line = try await offThePool { () throws -> String? in
                let connection = try RawConnection(path: path)
                return try connection.readLine(timeout: .seconds(5))
            }
            #expect(line == nil, "closed without a reply")
        }
    }

    @Test func blankLinesAreNotAnswered() async throws {
        try await withControlServer(handler: FakeHandler()) { path in
            let first = try await offThePool { () throws -> String? in
                let connection = try RawConnection(path: path)
                try connection.send("\n  \n" + #"{"v":1,"id":9,"command":"status"}"# + "\n")
                return try connection.readLine()
            }
            let answered = try reply(first)
            #expect(answered.id == 9)
        }
    }

    @Test func peersFromOtherUsersAreRefusedButRootIsNot() {
        #expect(ControlPeer(pid: 1, uid: 1000, gid: 1000).isPermitted(daemonUID: 1000))
        #expect(ControlPeer(pid: 1, uid: 0, gid: 0).isPermitted(daemonUID: 1000))
        #expect(!ControlPeer(pid: 1, uid: 1001, gid: 1000).isPermitted(daemonUID: 1000))
    }
}
