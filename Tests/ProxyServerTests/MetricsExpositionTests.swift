import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MimoUpstream
@testable import ProxyServer
import ResponsesTranslation
import Testing

/// `GET /metrics` read as a scraper reads it: every series named, typed and described as `MetricName`
/// says, the values right after a few requests, no key or conversation in a label, one registry per
/// `ProxyMetrics`.
@Suite struct MetricsExpositionTests {
    static let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer sk-test-key"]
    static let model = "mimo-v2.6-pro"

    func scrape(_ client: some TestClientProtocol) async throws -> PrometheusExposition {
        try await client.execute(uri: "/metrics", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4")
            return try PrometheusExposition(String(buffer: response.body))
        }
    }

    /// Each family has the type, help text and label names `MetricName` gives it; a histogram's buckets
    /// are `MetricName.latencyBuckets` and `+Inf`.
    func expectWellFormed(_ scrape: PrometheusExposition) {
        for sample in scrape.samples {
            let family = scrape.family(of: sample)
            guard let name = MetricName(rawValue: family) else {
                Issue.record("a series no MetricName declares: \(sample.name)")
                continue
            }
            #expect(scrape.types[family] == name.type.rawValue, "\(family)")
            #expect(scrape.help[family] == name.help, "\(family)")
            let extra: Set<String> = sample.name.hasSuffix("_bucket") ? ["le"] : []
            #expect(Set(sample.labels.keys) == Set(name.labels.map(\.rawValue)).union(extra), "\(sample.name)")
        }
        let bounds = Set(scrape.samples.filter { $0.name.hasSuffix("_bucket") }.compactMap { $0.labels["le"] })
        if !bounds.isEmpty {
            let expected = MetricName.latencyBuckets.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
            #expect(bounds.subtracting(["+Inf"]).compactMap(Double.init).sorted() == expected)
            #expect(bounds.contains("+Inf"))
        }
        // Label values come from fixed sets, statuses and model ids: never a key or a conversation.
        for sample in scrape.samples {
            for (label, value) in sample.labels {
                let known = switch MetricLabel(rawValue: label) {
                case .endpoint?: MetricEndpoint(rawValue: value) != nil
                case .status?: Int(value) != nil
                case .model?: value.hasPrefix("mimo-")
                case .outcome?: ExchangeOutcome(rawValue: value) != nil
                case .direction?: TokenDirection(rawValue: value) != nil
                case .kind?: UsageTokenKind(rawValue: value) != nil || TranslationNote.Kind(rawValue: value) != nil
                case nil: label == "le" && (value == "+Inf" || Double(value) != nil)
                }
                #expect(known, "\(sample.name): \(label)=\(value)")
            }
        }
    }

    @Test func aScrapeBeforeAnyRequestShowsTheGaugeAndTokenCountersAtZero() throws {
        let scrape = try PrometheusExposition(ProxyMetrics().render())
        expectWellFormed(scrape)
        #expect(scrape.value(MetricName.inFlight.rawValue) == 0)
        #expect(scrape.value(MetricName.tokens.rawValue, ["direction": "input"]) == 0)
        #expect(scrape.value(MetricName.tokens.rawValue, ["direction": "output"]) == 0)
        #expect(Set(scrape.samples.map(\.name)) == [MetricName.inFlight.rawValue, MetricName.tokens.rawValue])
    }

    @Test func countsAfterAnsweredAndRefusedRequests() async throws {
        let refused = UpstreamCallFailure.status(429, UpstreamError(status: 429, code: "429", message: "Too many requests", param: nil),
                                                 retryAfter: .seconds(1))
        let upstream = ScriptedUpstream([
            .chunks(ScriptedUpstream.answer("Hello")),
            .chunks([ChatChunk(content: "Hi", finishReason: .stop),
                     ChatChunk(usage: Usage(inputTokens: 1000, cachedTokens: 896, outputTokens: 30, reasoningTokens: 12))]),
            .fail(refused),
        ])
        let prompt = "a prompt that must not leave the daemon"
        let turn = #"{"model":"gpt-5.5","stream":true,"store":false,"prompt_cache_key":"k","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"\#(prompt)"}]}]}"#
        try await Application(router: ProxyRouter.build(TestProxy.dependencies(upstream, keepalive: .seconds(5)))).test(.router) { client in
            for expected in [HTTPResponse.Status.ok, .ok, .tooManyRequests] {
                try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: ByteBuffer(string: turn)) {
                    #expect($0.status == expected)
                }
            }
            let scrape = try await scrape(client)
            expectWellFormed(scrape)
            let model = ["model": Self.model]
            #expect(scrape.value("ccmimolink_in_flight_streams") == 0)
            #expect(scrape.value("ccmimolink_requests_total", ["endpoint": "responses", "status": "200"]) == 2)
            #expect(scrape.value("ccmimolink_requests_total", ["endpoint": "responses", "status": "429"]) == 1)
            for outcome in ExchangeOutcome.allCases {
                let count: Double = switch outcome { case .completed: 2; case .error: 1; default: 0 }
                #expect(scrape.value("ccmimolink_upstream_requests_total", ["model": Self.model, "outcome": outcome.rawValue]) == count,
                        "\(outcome)")
            }
            #expect(scrape.value("ccmimolink_tokens_total", ["direction": "input"]) == 1010)
            #expect(scrape.value("ccmimolink_tokens_total", ["direction": "output"]) == 33)
            #expect(scrape.value("ccmimolink_response_duration_seconds_count", model) == 3)
            #expect(scrape.value("ccmimolink_response_duration_seconds_bucket", model.merging(["le": "+Inf"]) { a, _ in a }) == 3)
            #expect(scrape.value("ccmimolink_time_to_first_byte_seconds_count", model) == 2)
            #expect(scrape.value("ccmimolink_usage_requests_total", model) == 3)
            #expect(scrape.value("ccmimolink_usage_failed_total", model) == 1)
            for (kind, tokens) in [("fresh_input", 114.0), ("cached_input", 896), ("output", 33), ("reasoning", 12)] {
                #expect(scrape.value("ccmimolink_usage_tokens_total", ["kind": kind, "model": Self.model]) == tokens, "\(kind)")
            }
            // Buckets only grow with their bound.
            let buckets = scrape.samples.filter { $0.name == "ccmimolink_response_duration_seconds_bucket" }
                .sorted { (Double($0.labels["le"]!) ?? .infinity) < (Double($1.labels["le"]!) ?? .infinity) }.map(\.value)
            #expect(buckets == buckets.sorted())
            let values = scrape.samples.flatMap(\.labels.values)
            #expect(!values.contains { $0.contains("sk-test-key") || $0.contains("prompt") || $0.contains("gpt-5.5") })
        }
    }

    @Test func eachInstanceCountsInItsOwnRegistry() throws {
        let counted = ProxyMetrics()
        let other = ProxyMetrics()
        counted.responseBegan()
        counted.responseEnded(EndedResponse(
            outcome: .completed, httpStatus: 200, upstreamModel: Self.model, duration: .milliseconds(300), timeToFirstByte: nil,
            usage: Usage(inputTokens: 5, outputTokens: 2), notes: [],
            counts: .request(inputTokens: 5, cachedTokens: 0, outputTokens: 2, reasoningTokens: 0, failed: false)))
        let seen = try PrometheusExposition(counted.render())
        #expect(seen.value("ccmimolink_requests_total", ["endpoint": "responses", "status": "200"]) == 1)
        #expect(seen.value("ccmimolink_tokens_total", ["direction": "input"]) == 5)
        // Families come out in no set order: compare the samples, not the text.
        #expect(try Set(PrometheusExposition(other.render()).samples) == Set(PrometheusExposition(ProxyMetrics().render()).samples))
    }

    /// A count below zero from MiMo must not stop the daemon (a Prometheus counter only goes up).
    @Test func negativeTokenCountsAddNothing() throws {
        let metrics = ProxyMetrics()
        metrics.responseBegan()
        metrics.responseEnded(EndedResponse(
            outcome: .completed, httpStatus: 200, upstreamModel: Self.model, duration: .milliseconds(1), timeToFirstByte: nil,
            usage: Usage(inputTokens: -4, outputTokens: 2), notes: [],
            counts: .request(inputTokens: -4, cachedTokens: 0, outputTokens: 2, reasoningTokens: 0, failed: false)))
        let scrape = try PrometheusExposition(metrics.render())
        #expect(scrape.value("ccmimolink_tokens_total", ["direction": "input"]) == 0)
        #expect(scrape.value("ccmimolink_tokens_total", ["direction": "output"]) == 2)
    }

    @Test func metricNamesKeepTheSeriesUsersScrape() {
        let pinned: [MetricName: (String, String, [String])] = [
            .requests: ("ccmimolink_requests_total", "counter", ["endpoint", "status"]),
            .upstreamRequests: ("ccmimolink_upstream_requests_total", "counter", ["model", "outcome"]),
            .inFlight: ("ccmimolink_in_flight_streams", "gauge", []),
            .tokens: ("ccmimolink_tokens_total", "counter", ["direction"]),
            .usageRequests: ("ccmimolink_usage_requests_total", "counter", ["model"]),
            .usageFailed: ("ccmimolink_usage_failed_total", "counter", ["model"]),
            .usageTokens: ("ccmimolink_usage_tokens_total", "counter", ["kind", "model"]),
            .timeToFirstByte: ("ccmimolink_time_to_first_byte_seconds", "histogram", ["model"]),
            .responseDuration: ("ccmimolink_response_duration_seconds", "histogram", ["model"]),
            .translationNotes: ("ccmimolink_translation_notes_total", "counter", ["kind"]),
        ]
        #expect(pinned.count == MetricName.allCases.count)
        for name in MetricName.allCases {
            #expect(name.rawValue == pinned[name]?.0)
            #expect(name.type.rawValue == pinned[name]?.1)
            #expect(name.labels.map(\.rawValue) == pinned[name]?.2)
        }
        #expect(Dictionary(uniqueKeysWithValues: UsageTokenKind.allCases.map { ($0, $0.rawValue) })
            == [.freshInput: "fresh_input", .cachedInput: "cached_input", .output: "output", .reasoning: "reasoning"])
        #expect(TokenDirection.allCases.map(\.rawValue) == ["input", "output"])
    }
}
