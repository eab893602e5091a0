import Glibc
import Testing
@testable import ControlPlane

@Suite struct ControlClientTests {
    /// Found by `scripts/sanitize asan` (OtherUserTests, slower under ASan): a daemon that refuses the
    /// peer writes its answer and closes at once; when that happened before ccmimoctl wrote its request,
    /// the write failed with EPIPE and the user saw "closed the connection before reading the request"
    /// instead of the daemon's answer, which was already queued on the socket.
    @Test func anAnswerQueuedBeforeTheDaemonHungUpIsReadEvenIfTheRequestCannotBeWritten() throws {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer { close(ends[0]) }
        let refusal = ControlReply.failure(id: nil, ControlFailure(code: .failed, message: "uid 65534 may not control this ccmimolinkd"))
        let line = refusal.encodedLine()
        try #require(line.withUnsafeBytes { Glibc.send(ends[1], $0.baseAddress, $0.count, 0) } == line.count)
        close(ends[1])

        let client = ControlClient(path: "/unused", timeout: .seconds(5))
        do throws(ControlClientError) {
            let reply = try client.exchange(ControlRequest(id: 1, command: .status), on: ends[0],
                                            until: .now + .seconds(5))
            #expect(reply == refusal)
        } catch {
            Issue.record("the queued answer was not read: \(error)")
        }
    }

    @Test func aDaemonThatHangsUpWithoutAnswerIsStillReportedAsSuch() throws {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer { close(ends[0]) }
        close(ends[1])
        do throws(ControlClientError) {
            _ = try ControlClient(path: "/unused").exchange(ControlRequest(id: 1, command: .status), on: ends[0],
                                                            until: .now + .seconds(5))
            Issue.record("an exchange with a closed peer succeeded")
        } catch {
            #expect(error == .io(EPIPE, "ccmimolinkd closed the connection before reading the request"))
        }
    }
}
