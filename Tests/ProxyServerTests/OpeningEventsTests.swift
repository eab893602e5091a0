import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import MimoUpstream
import NIOCore
@testable import ProxyServer
import ResponsesTranslation
import Testing

/// The stream's opening events (`response.created`, `response.in_progress`) ride in the same write as
/// MiMo's first chunks, but never wait for them long: over a real socket, with MiMo silent after its
/// headers, Codex still sees them at once.
@Suite struct OpeningEventsTests {
    @Test func openingEventsGoOutAloneWhenMiMoIsSilentAfterItsHeaders() async throws {
        // Keepalives every 20 s, so only the opening-events delay (50 ms) can send anything during the 1.5 s
        // gap; the bounds leave room for a machine busy with other tests.
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("late"), chunkDelay: .milliseconds(1500))])
        try await LiveProxy.app(upstream, keepalive: .seconds(20)).test(.live) { client in
            let request = LiveProxy.streamingRequest(port: try #require(client.port))
            let started = ContinuousClock.now
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            var seen = ""
            var openedAfter: Duration?
            var firstChunkAfter: Duration?
            for try await buffer in response.body {
                seen += String(buffer: buffer)
                if openedAfter == nil, seen.contains("response.in_progress") { openedAfter = .now - started }
                if firstChunkAfter == nil, seen.contains("response.output_item.added") { firstChunkAfter = .now - started }
            }
            let opened = try #require(openedAfter)
            let firstChunk = try #require(firstChunkAfter)
            #expect(opened < .seconds(1), "opening events after \(opened)")
            #expect(firstChunk >= .milliseconds(1400), "the first chunk's events after \(firstChunk)")
            let events = TestProxy.events(seen)
            #expect(events.prefix(2).compactMap { $0["type"]?.stringValue } == ["response.created", "response.in_progress"])
            #expect(events.compactMap { $0["sequence_number"]?.intValue } == Array(0..<events.count))
            #expect(events.last?["type"] == "response.completed")
        }
    }
}
