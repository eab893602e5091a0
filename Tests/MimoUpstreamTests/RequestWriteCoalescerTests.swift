import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
@testable import MimoUpstream

/// The handler that sends a request's head and body to MiMo in one write.
@Suite struct RequestWriteCoalescerTests {
    static func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        let encoder = HTTPRequestEncoder()
        try channel.pipeline.syncOperations.addHandler(encoder)
        try channel.pipeline.syncOperations.addHandler(RequestWriteCoalescer(), position: .after(encoder))
        return channel
    }

    static func head(_ headers: HTTPHeaders) -> HTTPClientRequestPart {
        .head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/chat/completions", headers: headers))
    }

    /// Everything flushed to the socket so far, as text.
    static func flushed(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let buffer = try channel.readOutbound(as: IOData.self) {
            guard case .byteBuffer(let bytes) = buffer else { continue }
            text += String(buffer: bytes)
        }
        return text
    }

    @Test func aHeadWithABodyWaitsForItsBody() throws {
        let channel = try Self.channel()
        channel.write(Self.head(["content-length": "7"]), promise: nil)
        channel.flush()
        #expect(try Self.flushed(channel).isEmpty)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: "{\"a\":1}"))), promise: nil)
        channel.flush()
        let sent = try Self.flushed(channel)
        #expect(sent.hasPrefix("POST /v1/chat/completions HTTP/1.1\r\n"))
        #expect(sent.hasSuffix("\r\n\r\n{\"a\":1}"))
        channel.write(HTTPClientRequestPart.end(nil), promise: nil)
        channel.flush()
        channel.embeddedEventLoop.advanceTime(by: RequestWriteCoalescer.maxHold)
        #expect(try Self.flushed(channel).isEmpty, "nothing is flushed twice")
        _ = try channel.finish()
    }

    @Test func aHeadWithoutABodyIsFlushedAtOnce() throws {
        for headers: HTTPHeaders in [[:], ["content-length": "0"]] {
            let channel = try Self.channel()
            channel.write(Self.head(headers), promise: nil)
            channel.flush()
            #expect(try Self.flushed(channel).hasSuffix("\r\n\r\n"))
            _ = try channel.finish()
        }
    }

    /// A body that is not there yet (streamed) holds the head back for `maxHold` at most.
    @Test func aHeldHeadIsFlushedAfterTheLongestHold() throws {
        let channel = try Self.channel()
        channel.write(Self.head(["transfer-encoding": "chunked"]), promise: nil)
        channel.flush()
        channel.flush()
        channel.embeddedEventLoop.advanceTime(by: RequestWriteCoalescer.maxHold - .microseconds(1))
        #expect(try Self.flushed(channel).isEmpty)
        channel.embeddedEventLoop.advanceTime(by: .microseconds(1))
        #expect(try Self.flushed(channel).hasSuffix("transfer-encoding: chunked\r\n\r\n"))
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: "part"))), promise: nil)
        channel.flush()
        #expect(try Self.flushed(channel).contains("part"))
        _ = try channel.finish()
    }
}
