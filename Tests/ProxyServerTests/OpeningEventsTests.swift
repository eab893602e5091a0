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
            var openedAlone = false
            for try await buffer in response.body {
                let before = seen
                seen += String(buffer: buffer)
                if !before.contains("response.in_progress"), seen.contains("response.in_progress") {
                    // The opening events came in a read of their own, before anything of MiMo's answer.
                    openedAlone = !seen.contains("response.output_item.added")
                }
            }
            #expect(openedAlone, "the opening events waited for MiMo's first chunk")
            #expect(ContinuousClock.now - started >= .milliseconds(1400), "MiMo's silence was not kept")
            let events = try TestProxy.events(seen)
            #expect(events.prefix(2).compactMap { $0["type"]?.stringValue } == ["response.created", "response.in_progress"])
            #expect(events.compactMap { $0["sequence_number"]?.intValue } == Array(0..<events.count))
            #expect(events.last?["type"] == "response.completed")
        }
    }
}
