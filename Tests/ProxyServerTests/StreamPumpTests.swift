import MimoUpstream
@testable import ProxyServer
import ResponsesTranslation
import Testing

/// The streaming responder's decisions without a socket: what goes out in which write, when
/// keepalives and the opening events go, and that the response is archived before its last event.
@Suite struct StreamPumpTests {
    let start = ContinuousClock.now
    static let keepalive: Duration = .seconds(10)

    func pump() -> StreamPump {
        StreamPump(translator: StreamTranslator(configuration: .init(createdAt: 0, model: "mimo-v2.6-pro")),
                   keepalive: Self.keepalive, now: start)
    }

    func types(_ actions: [StreamPump.Action]) -> [String] {
        actions.map { action in
            switch action {
            case .write(let events, let endFollows): (endFollows ? "last:" : "write:") + events.map(\.event.type).joined(separator: ",")
            case .archive: "archive"
            case .finish: "finish"
            case .tick(let after): "tick in \(after)"
            }
        }
    }

    static let text = ChunkBatch([ChatChunk(content: "hi")])
    static let done = ChunkBatch([ChatChunk(finishReason: .stop)], isLast: true)

    /// MiMo answers at once: the opening events ride with the first batch, one write per batch, and the
    /// batch that ends MiMo's answer carries the end, archived first.
    @Test func theOpeningEventsRideWithTheFirstBatchAndTheEndWithTheLast() {
        var pump = pump()
        #expect(types(pump.receive(.opened(status: 200), at: start)) == ["tick in 0.05 seconds"])
        #expect(types(pump.receive(.batch(Self.text), at: start + .milliseconds(1))) == [
            "write:response.created,response.in_progress,response.output_item.added,response.content_part.added,response.output_text.delta",
        ])
        #expect(types(pump.receive(.tick, at: start + .milliseconds(50))).isEmpty, "nothing held, nothing due")
        let end = types(pump.receive(.batch(Self.done), at: start + .milliseconds(2)))
        #expect(end.first == "archive" && end.last == "finish")
        #expect(end[1].hasPrefix("last:") && end[1].hasSuffix("response.completed"))
        #expect(pump.isFinished && pump.upstreamStatus == 200 && pump.firstChunkAt == start + .milliseconds(1))
        #expect(pump.receive(.batch(Self.text), at: start + .seconds(1)).isEmpty, "nothing after the end")
    }

    /// MiMo silent after its headers: the opening events go alone after the delay; then keepalives
    /// once a whole interval has passed since the last write.
    @Test func silenceAfterTheHeadersSendsTheOpeningEventsThenKeepalives() {
        var pump = pump()
        _ = pump.receive(.opened(status: 200), at: start)
        #expect(pump.receive(.tick, at: start + .milliseconds(49)).isEmpty)
        #expect(types(pump.receive(.tick, at: start + .milliseconds(50))) == ["write:response.created,response.in_progress"])
        #expect(pump.receive(.tick, at: start + .seconds(10)).isEmpty, "10 s since the start, not since the last write")
        #expect(types(pump.receive(.tick, at: start + .milliseconds(10_050))) == ["write:response.in_progress"])
    }

    /// A long prefill: keepalives while MiMo has not answered at all, the first one carrying the opening events.
    @Test func keepalivesWhileMimoHasNotAnswered() {
        var pump = pump()
        #expect(pump.receive(.tick, at: start + .seconds(5)).isEmpty)
        #expect(types(pump.receive(.tick, at: start + .seconds(10))) == ["write:response.created,response.in_progress,response.in_progress"])
        #expect(types(pump.receive(.tick, at: start + .seconds(20))) == ["write:response.in_progress"])
    }

    /// Failures end the stream with `response.failed`, archived first, after the opening events if they
    /// were still held; a failure before MiMo opened keeps MiMo's status for the log.
    @Test(arguments: [true, false])
    func failuresEndTheStreamWithResponseFailed(beforeOpening: Bool) {
        var pump = pump()
        let failure = ResponseFailure(code: .rateLimitExceeded, message: "MiMo rate limit. Please try again in 5s.")
        let actions: [StreamPump.Action]
        if beforeOpening {
            actions = pump.receive(.openFailed(failure, status: 429), at: start + .seconds(3))
            #expect(pump.upstreamStatus == 429)
        } else {
            _ = pump.receive(.opened(status: 200), at: start)
            actions = pump.receive(.failed(failure), at: start + .seconds(3))
        }
        #expect(types(actions) == ["archive", "last:response.created,response.in_progress,response.failed", "finish"])
        #expect(pump.translator.response.error?.code == .rateLimitExceeded)
    }

    /// MiMo's stream ending without `[DONE]` in the same read still completes, with a write of its own.
    @Test func anEndAfterTheLastBatchCompletes() {
        var pump = pump()
        _ = pump.receive(.opened(status: 200), at: start)
        _ = pump.receive(.batch(ChunkBatch([ChatChunk(content: "hi"), ChatChunk(finishReason: .stop)])), at: start)
        let end = types(pump.receive(.ended, at: start + .milliseconds(3)))
        #expect(end.count == 3 && end[1].hasSuffix("response.completed"))
    }
}
