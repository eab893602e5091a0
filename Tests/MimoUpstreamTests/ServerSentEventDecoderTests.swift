import PropertyBased
import Testing
@testable import MimoUpstream

@Suite struct ServerSentEventDecoderTests {
    static func decode(_ chunks: [[UInt8]], maxLineBytes: Int = ServerSentEventDecoder.defaultMaxLineBytes)
        throws(SSEDecodingError) -> [ServerSentEvent]
    {
        var decoder = ServerSentEventDecoder(maxLineBytes: maxLineBytes)
        var events: [ServerSentEvent] = []
        for chunk in chunks { events += try decoder.receive(chunk) }
        return events + (try decoder.finish())
    }

    static func decode(_ text: String) throws(SSEDecodingError) -> [ServerSentEvent] { try decode([Array(text.utf8)]) }

    @Test func mimoStreamDecodes() throws {
        let events = try Self.decode("data: {\"a\":1}\n\n: keepalive\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n")
        #expect(events.map(\.data) == [#"{"a":1}"#, #"{"b":2}"#, "[DONE]"])
        #expect(events.map(\.isDone) == [false, false, true])
        #expect(events.allSatisfy { $0.event == nil })
    }

    @Test func allThreeLineEndsWork() throws {
        let expected = [ServerSentEvent(data: "one\ntwo"), ServerSentEvent(data: "three")]
        #expect(try Self.decode("data: one\ndata: two\n\ndata: three\n\n") == expected)
        #expect(try Self.decode("data: one\r\ndata: two\r\n\r\ndata: three\r\n\r\n") == expected)
        #expect(try Self.decode("data: one\rdata: two\r\rdata: three\r\r") == expected)
        #expect(try Self.decode("data: one\r\ndata: two\r\rdata: three\n\r\n") == expected)
    }

    @Test func carriageReturnAtTheEndOfAChunkThenLineFeedIsOneLineEnd() throws {
        var decoder = ServerSentEventDecoder()
        #expect(try decoder.receive(Array("data: a\r".utf8)) == [])
        // Were the LF a second line end, this would dispatch "a" here.
        #expect(try decoder.receive(Array("\n".utf8)) == [])
        #expect(try decoder.receive(Array("data: b\r\n\r\n".utf8)) == [ServerSentEvent(data: "a\nb")])
    }

    @Test func fieldsFollowTheSpec() throws {
        let stream = """
            event: response.error
            id: 7
            retry: 2500
            data:no space
            data:  two spaces
            data
            unknown: ignored
            :comment

            data: second

            event: lonely

            data: third
            id


            """
        var decoder = ServerSentEventDecoder()
        let events = try decoder.receive(Array(stream.utf8))
        #expect(events == [
            ServerSentEvent(event: "response.error", data: "no space\n two spaces\n", id: "7"),
            ServerSentEvent(data: "second", id: "7"),
            // An event with no data is not dispatched, and its type does not leak into the next.
            ServerSentEvent(data: "third", id: nil),
        ])
        #expect(decoder.reconnectionTime == .milliseconds(2500))
    }

    @Test func byteOrderMarkAtTheStartIsIgnored() throws {
        #expect(try Self.decode([[0xEF], [0xBB, 0xBF], Array("data: x\n\n".utf8)]) == [ServerSentEvent(data: "x")])
        // Only at the start of the stream.
        let later = try Self.decode([Array("data: x\n\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("data: y\n\n".utf8)])
        #expect(later == [ServerSentEvent(data: "x")])
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        let events = try Self.decode([Array("data: a".utf8) + [0xFF, 0xC3] + Array("\n\n".utf8)])
        #expect(events == [ServerSentEvent(data: "a\u{FFFD}\u{FFFD}")])
    }

    @Test func aMultiByteCharacterSplitAcrossChunksSurvives() throws {
        let bytes = Array("data: é🚀\n\n".utf8)
        #expect(try Self.decode(bytes.map { [$0] }) == [ServerSentEvent(data: "é🚀")])
    }

    @Test func finishKeepsAnEventWithoutItsBlankLine() throws {
        #expect(try Self.decode("data: {\"x\":1}\n\ndata: [DONE]") == [ServerSentEvent(data: #"{"x":1}"#), ServerSentEvent(data: "[DONE]")])
        #expect(try Self.decode("data: [DONE]\n") == [ServerSentEvent(data: "[DONE]")])
        #expect(try Self.decode(": only a comment") == [])
    }

    @Test func aLineBeyondTheLimitThrowsEvenBeforeItEnds() {
        var decoder = ServerSentEventDecoder(maxLineBytes: 16)
        #expect(throws: SSEDecodingError.lineTooLong(limit: 16)) {
            for _ in 0..<5 { _ = try decoder.receive(Array("data: ".utf8)) }
        }
        // The decoder stays failed.
        #expect(throws: SSEDecodingError.lineTooLong(limit: 16)) { _ = try decoder.receive([0x0A, 0x0A]) }
    }

    @Test func aLineAtTheLimitIsAccepted() throws {
        let line = "data: " + String(repeating: "x", count: 10)  // 16 bytes
        #expect(try Self.decode([Array((line + "\n\n").utf8)], maxLineBytes: 16) == [ServerSentEvent(data: String(repeating: "x", count: 10))])
        #expect(throws: SSEDecodingError.lineTooLong(limit: 15)) {
            _ = try Self.decode([Array((line + "\n\n").utf8)], maxLineBytes: 15)
        }
    }

    /// Found by Fuzz/fuzz-sse-stream: a first line within 3 bytes of the limit, after a BOM, was accepted
    /// whole but refused when it arrived in pieces, because the unfinished-line check counted the BOM.
    @Test func aByteOrderMarkDoesNotCountTowardTheFirstLinesLimitHoweverTheStreamIsCut() throws {
        let line = Array(("data: " + String(repeating: "x", count: 10)).utf8)  // 16 bytes
        let bytes = [0xEF, 0xBB, 0xBF] + line + Array("\n\n".utf8)
        let expected = [ServerSentEvent(data: String(repeating: "x", count: 10))]
        #expect(try Self.decode([bytes], maxLineBytes: 16) == expected)
        #expect(try Self.decode(bytes.map { [$0] }, maxLineBytes: 16) == expected)
        #expect(try Self.decode([Array(bytes[..<18]), Array(bytes[18...])], maxLineBytes: 16) == expected)
        // The line itself still may not exceed the limit, cut or not.
        #expect(throws: SSEDecodingError.lineTooLong(limit: 15)) { _ = try Self.decode(bytes.map { [$0] }, maxLineBytes: 15) }
        #expect(throws: SSEDecodingError.lineTooLong(limit: 15)) { _ = try Self.decode([bytes], maxLineBytes: 15) }
    }

    @Test func manyDataLinesCannotGrowAnEventWithoutBound() {
        var decoder = ServerSentEventDecoder(maxLineBytes: 16, maxEventBytes: 20)
        #expect(throws: SSEDecodingError.eventTooLarge(limit: 20)) {
            for _ in 0..<10 { _ = try decoder.receive(Array("data: 12345\n".utf8)) }
        }
    }

    @Test func eachByteIsExaminedOnceHoweverTheStreamIsCut() throws {
        let payload = "data: " + String(repeating: "abcdefgh", count: 4096) + "\n\n"
        let bytes = Array(payload.utf8)
        var oneByteAtATime = ServerSentEventDecoder()
        var events: [ServerSentEvent] = []
        for byte in bytes { events += try oneByteAtATime.receive(CollectionOfOne(byte)) }
        #expect(events.count == 1)
        #expect(oneByteAtATime.bytesExamined == bytes.count)
        var whole = ServerSentEventDecoder()
        _ = try whole.receive(bytes + bytes + bytes)
        #expect(whole.bytesExamined == 3 * bytes.count)
    }

    /// Pieces that exercise every rule, including line ends and multi-byte characters that a cut
    /// can separate.
    static let pieces: [[UInt8]] = [
        "data: ", "data:", "data", "event: ", "id: ", "retry: 10", ": comment", "x", "é", "🚀", " ", ":", "[DONE]",
        "{\"choices\":[]}", "\n", "\r", "\r\n", "\n\n", "\r\n\r\n", "unknown: field",
    ].map { Array($0.utf8) } + [[0xFF], [0xEF, 0xBB, 0xBF], [0xE2, 0x82]]

    @Test func anySplitOfAStreamYieldsTheSameEvents() async throws {
        await propertyCheck(
            count: 200,
            input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...60), Gen.int(in: 0...10_000).array(of: 0...20)
        ) { picks, cuts in
            let bytes = picks.flatMap { Self.pieces[$0] }
            let positions = Set(cuts.map { bytes.isEmpty ? 0 : $0 % (bytes.count + 1) }).sorted()
            var chunks: [[UInt8]] = []
            var start = 0
            for position in positions where position >= start {
                chunks.append(Array(bytes[start..<position]))  // empty chunks included on purpose
                start = position
            }
            chunks.append(Array(bytes[start...]))
            let whole = try Self.decode([bytes])
            let split = try Self.decode(chunks)
            #expect(split == whole, "bytes: \(bytes) chunks: \(chunks)")
            let byteByByte = try Self.decode(bytes.map { [$0] })
            #expect(byteByByte == whole, "bytes: \(bytes)")
        }
    }
}
