import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import MimoUpstream
import NIOCore
@testable import ProxyServer
import ResponsesTranslation
import Testing

/// A client that goes away mid-stream must cancel its MiMo request (freeing the admission slot)
/// without waiting for MiMo to finish: tested over a real socket.
@Suite struct ClientDisconnectTests {
    @Test func disconnectCancelsTheUpstreamStream() async throws {
        let upstream = ScriptedUpstream([.hangAfter([ChatChunk(reasoning: "thinking"), ChatChunk(content: "partial")])])
        try await LiveProxy.app(upstream, keepalive: .milliseconds(100)).test(.live) { client in
            let request = LiveProxy.streamingRequest(port: try #require(client.port))
            let reader = Task {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                var seen = ""
                for try await buffer in response.body {
                    seen += String(buffer: buffer)
                    if seen.contains("response.output_text.delta") { return seen }
                }
                return seen
            }
            let seen = try await reader.value
            #expect(seen.contains("response.output_text.delta"))
            // Leaving the body unread and dropping the response closes the connection. While the server
            // is still running, the upstream (which would otherwise hang for 60 s) must be cancelled.
            var cancelled = 0
            for _ in 0..<100 where cancelled == 0 {
                cancelled = await upstream.cancellations
                if cancelled == 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(cancelled == 1)
            let activity = try await client.execute(uri: "/health", method: .get) { TestProxy.json($0.body) }
            #expect(activity["in_flight"] == 0)
        }
    }
}
