@testable import ControlPlane
import ResponsesTranslation
import Testing

@Suite struct ControlRequestTests {
    static let everyCommand: [ControlCommand] = [
        .status, .health(probe: false), .health(probe: true),
        .sync(dryRun: false, undo: false, providerID: nil), .sync(dryRun: true, undo: true, providerID: "mimo-1"),
        .model(.show), .model(.select("mimo-v2.5-pro")), .model(.reset), .drain, .store, .reload,
        .usage(days: 0), .usage(days: 14), .usage(days: 366),
    ]

    @Test(arguments: everyCommand)
    func everyCommandRoundTrips(command: ControlCommand) throws {
        let line = ControlRequest(id: 42, command: command).encodedLine()
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        do throws(ControlProtocolError) {
            let decoded = try ControlRequest.decode(line: Array(line.dropLast()))
            #expect(decoded == ControlRequest(id: 42, command: command))
        } catch {
            Issue.record("decode failed: \(error)")
        }
    }

    @Test func wireFormatMatchesTheDocumentedExample() {
        let line = ControlRequest(id: 7, command: .sync(dryRun: true, undo: false, providerID: nil)).encodedLine()
        #expect(String(decoding: line, as: UTF8.self) == #"{"v":1,"id":7,"command":"sync","args":{"dry_run":true}}"# + "\n")
        let status = ControlRequest(id: 1, command: .status).encodedLine()
        #expect(String(decoding: status, as: UTF8.self) == #"{"v":1,"id":1,"command":"status"}"# + "\n")
    }

    @Test func argumentsMayBeNullOrEmptyAndFalseIsTheDefault() {
        #expect(decode(#"{"v":1,"id":1,"command":"health","args":null}"#) == .success(.init(id: 1, command: .health(probe: false))))
        #expect(decode(#"{"v":1,"id":1,"command":"health","args":{}}"#) == .success(.init(id: 1, command: .health(probe: false))))
        #expect(decode(#"{"v":1,"id":1,"command":"model","args":{"reset":false}}"#) == .success(.init(id: 1, command: .model(.show))))
        #expect(decode(#"{"command":"store","id":3,"v":1}"#) == .success(.init(id: 3, command: .store)), "key order is free")
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        var line: String
        var code: ControlErrorCode
        var id: Int?
        var testDescription: String { line }
    }

    static let rejections: [Rejection] = [
        .init(line: "not json", code: .malformedRequest, id: nil),
        .init(line: "[1,2]", code: .malformedRequest, id: nil),
        .init(line: #"{"v":1,"command":"status"}"#, code: .malformedRequest, id: nil),
        .init(line: #"{"v":1,"id":"7","command":"status"}"#, code: .malformedRequest, id: nil),
        .init(line: #"{"id":7,"command":"status"}"#, code: .malformedRequest, id: 7),
        .init(line: #"{"v":2,"id":7,"command":"status"}"#, code: .unsupportedVersion, id: 7),
        .init(line: #"{"v":"1","id":7,"command":"status"}"#, code: .unsupportedVersion, id: 7),
        .init(line: #"{"v":1,"id":7}"#, code: .malformedRequest, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"frobnicate"}"#, code: .unknownCommand, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"status","args":[]}"#, code: .malformedRequest, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"status","args":{"x":1}}"#, code: .invalidArguments, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"health","args":{"probe":"yes"}}"#, code: .invalidArguments, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"sync","args":{"provider":""}}"#, code: .invalidArguments, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"sync","args":{"force":true}}"#, code: .invalidArguments, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"model","args":{"select":"a","reset":true}}"#, code: .invalidArguments, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"model","args":{"select":5}}"#, code: .invalidArguments, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"usage","args":{"days":367}}"#, code: .invalidArguments, id: 7),
        .init(line: #"{"v":1,"id":7,"command":"usage","args":{"days":"7"}}"#, code: .invalidArguments, id: 7),
    ]

    @Test(arguments: rejections)
    func badRequestsAreRejectedWithACodeAndTheirId(rejection: Rejection) {
        guard case .failure(let error) = decode(rejection.line) else {
            Issue.record("accepted \(rejection.line)")
            return
        }
        #expect(error.code == rejection.code)
        #expect(error.id == rejection.id)
        #expect(!error.message.isEmpty)
        #expect(error.hint != nil, "every rejection says how to fix it")
    }

    @Test func unknownArgumentsNameWhatIsAccepted() {
        guard case .failure(let error) = decode(#"{"v":1,"id":1,"command":"sync","args":{"dryrun":true}}"#) else {
            Issue.record("accepted a misspelt argument")
            return
        }
        #expect(error.message.contains("dryrun"))
        #expect(error.hint == "sync accepts: dry_run, undo, provider")
    }

    private func decode(_ text: String) -> Result<ControlRequest, ControlProtocolError> {
        do throws(ControlProtocolError) {
            return .success(try ControlRequest.decode(line: Array(text.utf8)))
        } catch {
            return .failure(error)
        }
    }
}
