@testable import ControlPlane
import ResponsesTranslation
import Testing

@Suite struct ControlReplyTests {
    @Test func wireFormatMatchesTheDocumentedExamples() {
        let success = ControlReply.success(id: 7, result: ["removed": 3])
        #expect(text(success) == #"{"v":1,"id":7,"ok":true,"result":{"removed":3}}"# + "\n")
        let failure = ControlReply.failure(id: nil, ControlFailure(code: .unknownCommand, message: "m", hint: "h"))
        #expect(text(failure) == #"{"v":1,"id":null,"ok":false,"error":{"code":"unknown_command","message":"m","hint":"h"}}"# + "\n")
        let noHint = ControlReply.failure(id: 2, ControlFailure(code: .busy, message: "a sync is running"))
        #expect(text(noHint) == #"{"v":1,"id":2,"ok":false,"error":{"code":"busy","message":"a sync is running"}}"# + "\n")
    }

    @Test(arguments: [
        ControlReply.success(id: 1, result: .null),
        .success(id: nil, result: ["nested": ["a": [1, "two", nil, true]]]),
        .failure(id: 9, ControlFailure(code: .notPermitted, message: "uid 1001 is not the daemon's user", hint: "run as uid 1000")),
    ] + ControlErrorCode.allCases.map { ControlReply.failure(id: 3, ControlFailure(code: $0, message: "\($0)")) })
    func repliesRoundTrip(reply: ControlReply) {
        do throws(ControlProtocolError) {
            let decoded = try ControlReply.decode(line: Array(reply.encodedLine().dropLast()))
            #expect(decoded == reply)
        } catch {
            Issue.record("decode failed: \(error)")
        }
    }

    @Test func anUnknownErrorCodeFromANewerDaemonReadsAsFailed() {
        let line = #"{"v":1,"id":1,"ok":false,"error":{"code":"quota_exceeded","message":"too many"},"extra":1}"#
        do throws(ControlProtocolError) {
            let reply = try ControlReply.decode(line: Array(line.utf8))
            #expect(reply == .failure(id: 1, ControlFailure(code: .failed, message: "too many")))
        } catch {
            Issue.record("decode failed: \(error)")
        }
    }

    @Test(arguments: [
        #"{"v":2,"id":1,"ok":true,"result":{}}"#, "{}", "garbage", #"{"v":1,"id":1,"ok":false}"#,
        #"{"v":1,"id":1,"ok":"yes"}"#,
    ])
    func unreadableRepliesAreErrors(line: String) {
        do throws(ControlProtocolError) {
            let reply = try ControlReply.decode(line: Array(line.utf8))
            Issue.record("accepted \(reply)")
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    private func text(_ reply: ControlReply) -> String { String(decoding: reply.encodedLine(), as: UTF8.self) }
}

@Suite struct ControlSessionTests {
    @Test func aValidLineIsRun() {
        let line = Array(#"{"v":1,"id":5,"command":"drain"}"#.utf8)
        #expect(ControlSession.step(for: .line(line)) == .run(ControlRequest(id: 5, command: .drain)))
    }

    @Test func blankLinesAreIgnored() {
        #expect(ControlSession.step(for: .line([])) == .ignore)
        #expect(ControlSession.step(for: .line(Array("  \t".utf8))) == .ignore)
    }

    @Test func badLinesGetAnErrorReplyWithTheirId() {
        guard case .reply(.failure(let id, let failure)) = ControlSession.step(for: .line(Array(#"{"v":1,"id":4,"command":"nope"}"#.utf8))) else {
            Issue.record("expected an error reply")
            return
        }
        #expect(id == 4)
        #expect(failure.code == .unknownCommand)
        guard case .reply(.failure(nil, let tooLong)) = ControlSession.step(for: .tooLong) else {
            Issue.record("expected an error reply")
            return
        }
        #expect(tooLong.code == .lineTooLong)
    }

    @Test func outcomesBecomeRepliesToTheirRequest() {
        let request = ControlRequest(id: 8, command: .drain)
        let drained: Result<DrainResult, ControlFailure> = .success(DrainResult(removed: 1, bytesFreed: 2))
        #expect(ControlSession.reply(to: request, outcome: drained) == .success(id: 8, result: ["removed": 1, "bytes_freed": 2]))
        let failure = ControlFailure(code: .failed, message: "no")
        #expect(ControlSession.reply(to: request, outcome: Result<DrainResult, ControlFailure>.failure(failure)) == .failure(id: 8, failure))
    }

    struct Unwritable: Encodable {
        struct Refusal: Error {}
        func encode(to encoder: any Encoder) throws { throw Refusal() }
    }

    /// A result the daemon cannot encode is a bug; the client still gets an answer naming the command.
    @Test func aResultThatCannotBeEncodedBecomesAFailedReply() {
        let reply = ControlSession.reply(to: ControlRequest(id: 3, command: .store), outcome: .success(Unwritable()))
        guard case .failure(3, let failure) = reply else {
            Issue.record("\(reply)")
            return
        }
        #expect(failure.code == .failed)
        #expect(failure.message.hasPrefix("ccmimolinkd could not write its store result: "))
    }
}
