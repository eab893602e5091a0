import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
@testable import ProxyServer
import Testing

/// The handler that sends a streamed response's head with its first body bytes, and its last body
/// bytes with its end.
@Suite struct ResponseWriteCoalescerTests {
    static func channel() throws -> (EmbeddedChannel, ResponseWriteCoalescer) {
        let coalescer = ResponseWriteCoalescer()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(coalescer)
        return (channel, coalescer)
    }

    /// The parts flushed so far, as short names.
    static func flushed(_ channel: EmbeddedChannel) throws -> [String] {
        var parts: [String] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
            switch part {
            case .head(let head): parts.append("head \(head.status.code)")
            case .body(let bytes): parts.append("body \(String(buffer: bytes))")
            case .end: parts.append("end")
            }
        }
        return parts
    }

    static func write(_ channel: EmbeddedChannel, _ part: HTTPResponsePart) {
        channel.writeAndFlush(part, promise: nil)
    }

    @Test func theHeadGoesOutWithTheFirstBodyBytes() throws {
        let (channel, _) = try Self.channel()
        Self.write(channel, .head(HTTPResponse(status: .ok)))
        #expect(try Self.flushed(channel).isEmpty)
        Self.write(channel, .body(ByteBuffer(string: "a")))
        #expect(try Self.flushed(channel) == ["head 200", "body a"])
        Self.write(channel, .body(ByteBuffer(string: "b")))
        #expect(try Self.flushed(channel) == ["body b"], "later body bytes are not held")
        Self.write(channel, .end(nil))
        #expect(try Self.flushed(channel) == ["end"])
        _ = try channel.finish()
    }

    @Test func theLastBodyBytesGoOutWithTheEnd() throws {
        let (channel, coalescer) = try Self.channel()
        Self.write(channel, .head(HTTPResponse(status: .ok)))
        Self.write(channel, .body(ByteBuffer(string: "a")))
        _ = try Self.flushed(channel)
        coalescer.markEndFollows()
        Self.write(channel, .body(ByteBuffer(string: "last")))
        #expect(try Self.flushed(channel).isEmpty)
        Self.write(channel, .end(nil))
        #expect(try Self.flushed(channel) == ["body last", "end"])
        // The next response on the keep-alive connection starts afresh.
        Self.write(channel, .head(HTTPResponse(status: .ok)))
        Self.write(channel, .body(ByteBuffer(string: "next")))
        #expect(try Self.flushed(channel) == ["head 200", "body next"])
        _ = try channel.finish()
    }

    /// A body slow to start, or an end that does not follow, holds nothing longer than `maxHold`.
    @Test func aHeldFlushWaitsAtMostTheLongestHold() throws {
        let (channel, coalescer) = try Self.channel()
        Self.write(channel, .head(HTTPResponse(status: .ok)))
        channel.embeddedEventLoop.advanceTime(by: ResponseWriteCoalescer.maxHold - .milliseconds(1))
        #expect(try Self.flushed(channel).isEmpty)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(try Self.flushed(channel) == ["head 200"])

        coalescer.markEndFollows()
        Self.write(channel, .body(ByteBuffer(string: "last")))
        #expect(try Self.flushed(channel).isEmpty)
        channel.embeddedEventLoop.advanceTime(by: ResponseWriteCoalescer.maxHold)
        #expect(try Self.flushed(channel) == ["body last"])
        _ = try channel.finish()
    }

    /// A complete response written at once (Hummingbird's path for a buffered body), and an
    /// informational head, are flushed as they come.
    @Test func completeResponsesAndInformationalHeadsAreNotHeld() throws {
        let (channel, _) = try Self.channel()
        channel.write(HTTPResponsePart.head(HTTPResponse(status: .ok)), promise: nil)
        channel.write(HTTPResponsePart.body(ByteBuffer(string: "{}")), promise: nil)
        channel.write(HTTPResponsePart.end(nil), promise: nil)
        channel.flush()
        #expect(try Self.flushed(channel) == ["head 200", "body {}", "end"])
        Self.write(channel, .head(HTTPResponse(status: .continue)))
        #expect(try Self.flushed(channel) == ["head 100"])
        _ = try channel.finish()
    }
}
