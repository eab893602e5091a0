import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MimoUpstream
import NIOConcurrencyHelpers
@testable import ProxyServer
import ResponsesTranslation
import Testing
import UsageLedger
import TestSupport

/// Each request's tokens reach the usage ledger, `/metrics` and its log line, whatever its end.
@Suite struct UsageRecordingTests {
    static let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer sk-test-key"]
    static let turn = ByteBuffer(string: ResponsesEndpointTests.codexTurn)

    @Test func answeredAndFailedRequestsAreCountedWithCachedAndReasoningTokens() async throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path + "/state"  // the ledger creates its directory
        let ledger = UsageLedger(directory: directory, logger: Logger(label: "test"))
        let log = CapturedLog()
        let answer = [ChatChunk(reasoning: "hm"), ChatChunk(content: "Hi", finishReason: .stop),
                      ChatChunk(usage: Usage(inputTokens: 1000, cachedTokens: 896, outputTokens: 30, reasoningTokens: 12))]
        let upstream = ScriptedUpstream([
            .chunks(answer),
            .fail(.status(500, UpstreamError(status: 500, code: "500", message: "boom", param: nil), retryAfter: nil)),
        ])
        var dependencies = TestProxy.dependencies(upstream, keepalive: .seconds(5))
        dependencies.usage = ledger
        dependencies.logger = log.logger
        try await Application(router: ProxyRouter.build(dependencies)).test(.router) { client in
            for _ in 0..<2 {
                _ = try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: Self.turn) { _ in }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"ccmimolink_usage_requests_total{model="mimo-v2.6-pro"} 2"#))
                #expect(text.contains(#"ccmimolink_usage_failed_total{model="mimo-v2.6-pro"} 1"#))
                #expect(text.contains(#"ccmimolink_usage_tokens_total{kind="cached_input",model="mimo-v2.6-pro"} 896"#))
                #expect(text.contains(#"ccmimolink_usage_tokens_total{kind="fresh_input",model="mimo-v2.6-pro"} 104"#))
                #expect(text.contains(#"ccmimolink_usage_tokens_total{kind="reasoning",model="mimo-v2.6-pro"} 12"#))
                #expect(!text.contains("sk-test-key"))
            }
        }
        let today = ledger.clock.today()
        let rows = try await ledger.rows(from: today, through: today)
        #expect(rows.map(\.model) == ["mimo-v2.6-pro"])
        #expect(rows.first?.counts == UsageCounts(requests: 2, failed: 1, freshInputTokens: 104, cachedInputTokens: 896,
                                                  outputTokens: 30, reasoningTokens: 12))
        let completed = try #require(log.messages.first { $0.hasPrefix("response completed") })
        for field in ["tokens_in=1000", "tokens_cached=896", "tokens_out=30", "tokens_reasoning=12"] {
            #expect(completed.contains(field), "\(completed)")
        }
        #expect(!completed.contains("sk-test-key"))
    }
}
