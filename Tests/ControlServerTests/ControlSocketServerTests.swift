@testable import ControlPlane
@testable import ControlServer
import Foundation
import ResponsesTranslation
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct ControlSocketServerTests {
    static let everyCall: [any ControlCall] = [
        StatusCall(), HealthCall(), HealthCall(probe: true), SyncCall(), SyncCall(dryRun: true, undo: true, providerID: "mimo-1"),
        ModelCall(), ModelCall(.select("mimo-v2.5-pro")), ModelCall(.reset), ModelsCall(), ModelsCall(refresh: true),
        DrainCall(), StoreCall(), ReloadCall(), UsageCall(), UsageCall(days: 14),
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

    /// Each call reaches the handler method of its own type with its arguments, and its answer comes back
    /// as the call's result type.
    @Test func everyCallReachesItsHandlerMethodIntactAndIsAnsweredWithItsType() async throws {
        let handler = FakeHandler()
        try await withControlServer(handler: handler) { path in
            for call in Self.everyCall {
                #expect(try await isAnswered(call, at: path), "\(call.command)")
            }
            guard case .answered(let status, _) = try await send(StatusCall(), to: path) else {
                Issue.record("status failed")
                return
            }
            #expect(status.pid == Int(getpid()), "the peer is this process")
        }
        #expect(handler.commands == Self.everyCall.map(\.command) + [.status])
    }

    private func send<Call: ControlCall>(_ call: Call, to path: String) async throws -> ControlOutcome<Call.Result> {
        try await offThePool { try ControlClient(path: path, timeout: .seconds(10)).send(call) }
    }

    private func isAnswered<Call: ControlCall>(_ call: Call, at path: String) async throws -> Bool {
        if case .answered = try await send(call, to: path) { return true }
        return false
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
        var answers = FakeHandler.Answers()
        let failure = ControlFailure(code: .unavailable, message: "no store", hint: "set a state directory")
        answers.drain = { _ in .failure(failure) }
        try await withControlServer(handler: FakeHandler(answers)) { path in
            #expect(try await send(DrainCall(), to: path) == .failed(failure))
            guard case .answered = try await send(StatusCall(), to: path) else {
                Issue.record("status after a failure")
                return
            }
        }
    }

    @Test func manyClientsAtOnce() async throws {
        try await withControlServer(handler: FakeHandler()) { path in
            try await withThrowingTaskGroup(of: ControlOutcome<DaemonStatus>.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await send(StatusCall(), to: path) }
                }
                for try await outcome in group {
                    guard case .answered = outcome else { throw TestFailure("a concurrent client failed: \(outcome)") }
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
