import Testing
@testable import MimoUpstream
import ResponsesTranslation

/// The verdicts `MimoClient` gives a MiMo 200 body, without sockets: which endings complete an
/// answer and which fail it.
@Suite struct ChatStreamDecoderTests {
    static let content = #"data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}"# + "\n\n"
    static let finish = #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n"
    static let usage = #"data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"# + "\n\n"
    static let done = "data: [DONE]\n\n"

    static func chunks(_ step: ChatStreamDecoder.Step) -> [ChatChunk] {
        switch step {
        case .chunks(let chunks), .done(let chunks): return chunks
        case .malformed: return []
        }
    }

    @Test func doneEndsTheAnswerAndLaterBytesAreIgnored() {
        var decoder = ChatStreamDecoder()
        let step = decoder.receive(Array((Self.content + Self.finish + Self.usage + Self.done + Self.content).utf8))
        guard case .done(let chunks) = step else { Issue.record("got \(step)"); return }
        #expect(chunks.count == 3)
        #expect(chunks.compactMap(\.content) == ["Hi"])
        #expect(decoder.receive(Array(Self.content.utf8)) == .done([]))
        let end = decoder.end(.broken("reset"))
        #expect(end.verdict == .complete)
        #expect(end.last.isEmpty)
    }

    @Test func aCutAfterTheFinishReasonCompletes() {
        for ending in [ChatStreamDecoder.Ending.endOfBody, .broken("connection reset"), .idleTimeout(.seconds(5))] {
            var decoder = ChatStreamDecoder()
            #expect(Self.chunks(decoder.receive(Array((Self.content + Self.finish).utf8))).count == 2)
            #expect(decoder.end(ending).verdict == .complete, "\(ending)")
        }
    }

    @Test func aCutBeforeTheFinishReasonFailsWithTheRightReason() {
        var decoder = ChatStreamDecoder()
        _ = decoder.receive(Array(Self.content.utf8))
        #expect(decoder.end(.broken("connection reset")).verdict == .failed(.disconnected("connection reset")))

        decoder = ChatStreamDecoder()
        _ = decoder.receive(Array(Self.content.utf8))
        #expect(decoder.end(.idleTimeout(.seconds(7))).verdict == .failed(.idleTimeout(.seconds(7))))

        decoder = ChatStreamDecoder()
        _ = decoder.receive(Array(Self.content.utf8))
        guard case .failed(.disconnected) = decoder.end(.endOfBody).verdict else {
            Issue.record("a clean EOF before the finish reason must fail the answer")
            return
        }
    }

    @Test func anUnterminatedLastEventCountsAtACleanEnd() {
        var decoder = ChatStreamDecoder()
        _ = decoder.receive(Array((Self.content + Self.finish.dropLast(2)).utf8))
        let end = decoder.end(.endOfBody)
        #expect(end.last.map(\.finishReason) == [.stop])
        #expect(end.verdict == .complete)
    }

    @Test func anErrorFrameEndsTheAnswer() {
        var decoder = ChatStreamDecoder()
        let frame = #"data: {"error":{"message":"overloaded","code":"500"}}"# + "\n\n"
        let chunks = Self.chunks(decoder.receive(Array((Self.content + frame).utf8)))
        #expect(chunks.last?.error != nil)
        #expect(decoder.end(.broken("closed")).verdict == .complete)
    }

    @Test func unreadableDataLinesAreSkippedAndCounted() {
        var decoder = ChatStreamDecoder()
        let chunks = Self.chunks(decoder.receive(Array(("data: {not json\n\n" + Self.content + "data: [1,\n\n").utf8)))
        #expect(chunks.compactMap(\.content) == ["Hi"])
        #expect(decoder.skippedLines == 2)
    }

    @Test func aLineOverTheLimitIsMalformed() {
        var decoder = ChatStreamDecoder(events: ServerSentEventDecoder(maxLineBytes: 64))
        let step = decoder.receive(Array(("data: " + String(repeating: "x", count: 100)).utf8))
        guard case .malformed = step else { Issue.record("got \(step)"); return }
    }

    @Test func byteByByteGivesTheSameChunks() {
        let body = Array((Self.content + Self.content + Self.finish + Self.usage + Self.done).utf8)
        var whole = ChatStreamDecoder()
        let expected = Self.chunks(whole.receive(body))
        var split = ChatStreamDecoder()
        var got: [ChatChunk] = []
        for byte in body { got += Self.chunks(split.receive([byte])) }
        #expect(got == expected)
        #expect(got.count == 4)
        #expect(split.isDone)
    }
}
