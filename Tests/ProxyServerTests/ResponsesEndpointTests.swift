import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MimoUpstream
@testable import ProxyServer
import ResponsesTranslation
import Testing

@Suite struct ResponsesEndpointTests {
    static let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer sk-test-key"]

    func app(_ dependencies: ProxyDependencies) -> some ApplicationProtocol {
        Application(router: ProxyRouter.build(dependencies))
    }

    func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static let codexTurn = #"{"model":"gpt-5.5","stream":true,"store":false,"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"say hi"}]}]}"#

    @Test func streamsACompleteAnswerAsSSE() async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("Hello"))])
        try await app(TestProxy.dependencies(upstream)).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
                let events = try TestProxy.events(String(buffer: response.body))
                #expect(events.first?["type"] == "response.created")
                #expect(events.last?["type"] == "response.completed")
                #expect(events.last?["response"]?["output"]?.arrayValue?.last?["content"]?[0]?["text"] == "Hello")
            }
        }
        let calls = await upstream.calls
        #expect(calls.count == 1)
        #expect(calls.first?.model == "mimo-v2.6-pro")  // gpt-5.5 gets the active model
        #expect(calls.first?.apiKey.value == "sk-test-key")
        #expect(calls.first?.body["stream"] == true)
    }

    @Test func storedResponsesAreRetrievableAndContinueConversations() async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("First answer")), .chunks(ScriptedUpstream.answer("Second"))])
        let archive = InMemoryResponseArchive()
        try await app(TestProxy.dependencies(upstream, archive: archive)).test(.router) { client in
            let id = try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers,
                                               body: body(#"{"model":"mimo-v2.6-flash","input":"remember 42"}"#)) { response in
                #expect(response.status == .ok)
                let object = TestProxy.json(response.body)
                #expect(object["status"] == "completed")
                return object["id"]?.stringValue ?? ""
            }
            try await client.execute(uri: "/v1/responses/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(TestProxy.json(response.body)["id"]?.stringValue == id)
            }
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers,
                                     body: body(#"{"model":"mimo-v2.6-flash","previous_response_id":"\#(id)","input":"what was it?"}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers,
                                     body: body(#"{"previous_response_id":"resp_nope","input":"x"}"#)) { response in
                #expect(response.status == .notFound)
                #expect(TestProxy.json(response.body)["error"]?["code"] == "response_not_found")
            }
        }
        let second = try #require(await upstream.calls.last)
        let texts = second.body["messages"]?.arrayValue?.compactMap { $0["content"]?.stringValue }
        #expect(texts == ["remember 42", "First answer", "what was it?"])
    }

    @Test func codexStoreFalseIsNotArchived() async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("Hi"))])
        let archive = InMemoryResponseArchive()
        try await app(TestProxy.dependencies(upstream, archive: archive)).test(.router) { client in
            let id = try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                try TestProxy.events(String(buffer: response.body)).last?["response"]?["id"]?.stringValue ?? ""
            }
            try await client.execute(uri: "/v1/responses/\(id)", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(arguments: [
        (#"{"input":"x"}"#, [("Content-Type", "application/json")], "/v1/responses", 401, "missing_api_key"),
        ("{not json", [("Content-Type", "application/json"), ("Authorization", "Bearer k")], "/v1/responses", 400, "invalid_json"),
        (#"{"input":7}"#, [("Content-Type", "application/json"), ("Authorization", "Bearer k")], "/v1/responses", 400, "invalid_request"),
        (#"{"input":"x"}"#, [("Content-Type", "text/plain"), ("Authorization", "Bearer k")], "/v1/responses", 415, "unsupported_media_type"),
        (#"{"input":"x"}"#, [("Content-Type", "application/json"), ("Authorization", "Bearer k"), ("Content-Encoding", "zstd")], "/v1/responses", 415, "unsupported_content_encoding"),
        (#"{"input":"x"}"#, [("Content-Type", "application/json"), ("Authorization", "Bearer k"), ("Origin", "https://evil.example")], "/v1/responses", 403, "forbidden_origin"),
        (#"{"input":"x"}"#, [("Content-Type", "application/json"), ("Authorization", "Bearer k"), ("Sec-Fetch-Site", "cross-site")], "/v1/responses", 403, "forbidden_origin"),
        (#"{"model":"gpt-6-sol","input":"x"}"#, [("Content-Type", "application/json"), ("Authorization", "Bearer k"), ("x-openai-internal-codex-responses-lite", "true")], "/v1/responses", 400, "responses_lite_unsupported"),
    ])
    func badRequestsGetPreciseOpenAIErrors(text: String, headerList: [(String, String)], uri: String, status: Int, code: String) async throws {
        let upstream = ScriptedUpstream([])
        var fields = HTTPFields()
        for (name, value) in headerList { fields[HTTPField.Name(name)!] = value }
        let headers = fields
        try await app(TestProxy.dependencies(upstream)).test(.router) { client in
            try await client.execute(uri: uri, method: .post, headers: headers, body: body(text)) { response in
                #expect(Int(response.status.code) == status)
                let error = TestProxy.json(response.body)["error"]
                #expect(error?["code"]?.stringValue == code)
                #expect(error?["message"]?.stringValue?.isEmpty == false)
            }
        }
        #expect(await upstream.calls.isEmpty)
    }

    @Test func oversizedBodiesGet413() async throws {
        let upstream = ScriptedUpstream([])
        let big = #"{"input":""# + String(repeating: "a", count: 4096) + #""}"#
        try await app(TestProxy.dependencies(upstream, maxBodyBytes: 1024)).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(big)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func upstream429BeforeStreamingIsAn429WithRetryAfter() async throws {
        let failure = UpstreamCallFailure.status(429, UpstreamError(status: 429, code: "429", message: "Too many requests", param: nil),
                                                 retryAfter: .milliseconds(2500))
        let upstream = ScriptedUpstream([.fail(failure)])
        try await app(TestProxy.dependencies(upstream, keepalive: .seconds(5))).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "3")
            }
        }
    }

    /// ccmimolink's own queue is full: a 503 with Retry-After (Codex retries that at the HTTP layer),
    /// never a 502 that blames MiMo.
    @Test func aFullAdmissionQueueIsA503WithRetryAfter() async throws {
        let upstream = ScriptedUpstream([.fail(.overloaded(.queueFull(limit: 512), retryAfter: .seconds(5)))])
        try await app(TestProxy.dependencies(upstream, keepalive: .seconds(5))).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                let error = TestProxy.json(response.body)["error"]
                #expect(error?["code"] == "proxy_queue_full")
                #expect(error?["message"]?.stringValue?.contains("512 requests waiting") == true)
                #expect(error?["message"]?.stringValue?.contains("max_waiting") == true)
            }
        }
    }

    /// A request that waited past the queue's limit after the stream began: the one in-stream failure
    /// Codex retries after a stated delay, not `server_is_overloaded`, which would end the session.
    @Test func aQueueTimeoutInsideTheStreamIsRetryableRateLimit() async throws {
        let upstream = ScriptedUpstream([.fail(.overloaded(.waitedTooLong(limit: .seconds(120)), retryAfter: .seconds(5)),
                                               delay: .milliseconds(500))])
        try await app(TestProxy.dependencies(upstream, keepalive: .milliseconds(100), commitDelay: .milliseconds(20))).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                #expect(response.status == .ok)
                let last = try TestProxy.events(String(buffer: response.body)).last
                #expect(last?["type"] == "response.failed")
                #expect(last?["response"]?["error"]?["code"] == "rate_limit_exceeded")
                let message = last?["response"]?["error"]?["message"]?.stringValue ?? ""
                #expect(message.range(of: #"(?i)try again in\s*5\s*s"#, options: .regularExpression) != nil, "\(message)")
            }
        }
    }

    @Test func upstreamAuthFailureNamesTheCause() async throws {
        let failure = UpstreamCallFailure.status(401, UpstreamError(status: 401, code: "401", message: "Invalid API Key", param: nil), retryAfter: nil)
        let upstream = ScriptedUpstream([.fail(failure)])
        try await app(TestProxy.dependencies(upstream, keepalive: .seconds(5))).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("Key refused: Invalid API Key"))
            }
        }
    }

    @Test func contextOverflowIsTheFailedEventCodexUnderstands() async throws {
        let error = UpstreamError(status: 400, code: "400", message: "Param Incorrect", param: "maximum context length exceeded")
        let upstream = ScriptedUpstream([.fail(.status(400, error, retryAfter: nil))])
        try await app(TestProxy.dependencies(upstream, keepalive: .seconds(5))).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                #expect(response.status == .ok)
                let last = try TestProxy.events(String(buffer: response.body)).last
                #expect(last?["type"] == "response.failed")
                #expect(last?["response"]?["error"]?["code"] == "context_length_exceeded")
            }
        }
    }

    @Test func silentUpstreamGetsKeepalivesThenInStreamRateLimit() async throws {
        let failure = UpstreamCallFailure.status(429, UpstreamError(status: 429, code: "429", message: "Too many requests", param: nil),
                                                 retryAfter: .seconds(2))
        // MiMo fails 100 times later than the commit window closes, so the 200 stream has surely begun.
        let upstream = ScriptedUpstream([.fail(failure, delay: .milliseconds(2000))])
        try await app(TestProxy.dependencies(upstream, keepalive: .milliseconds(100), commitDelay: .milliseconds(20))).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                #expect(response.status == .ok)
                let events = try TestProxy.events(String(buffer: response.body))
                #expect(events.filter { $0["type"] == "response.in_progress" }.count >= 3)
                let last = events.last
                #expect(last?["type"] == "response.failed")
                #expect(last?["response"]?["error"]?["code"] == "rate_limit_exceeded")
                #expect(last?["response"]?["error"]?["message"]?.stringValue?.contains("try again in 2s") == true)
            }
        }
    }

    @Test func silentStreamGetsKeepalivesBetweenChunks() async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("late"), chunkDelay: .milliseconds(400))])
        try await app(TestProxy.dependencies(upstream, keepalive: .milliseconds(100))).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                let types = try TestProxy.events(String(buffer: response.body)).compactMap { $0["type"]?.stringValue }
                // The initial in_progress plus at least one keepalive in each of the three silent gaps.
                #expect(types.filter { $0 == "response.in_progress" }.count >= 4)
                #expect(types.last == "response.completed")
                // Sequence numbers stay monotonic across keepalives.
                let numbers = try TestProxy.events(String(buffer: response.body)).compactMap { $0["sequence_number"]?.intValue }
                #expect(numbers == Array(0..<numbers.count))
            }
        }
    }

    @Test func midStreamBreakIsFailedWithoutHalfItems() async throws {
        let upstream = ScriptedUpstream([.breakAfter([ChatChunk(reasoning: "r"), ChatChunk(content: "partial")], .disconnected("reset"))])
        try await app(TestProxy.dependencies(upstream)).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { response in
                let events = try TestProxy.events(String(buffer: response.body))
                #expect(events.last?["type"] == "response.failed")
                #expect(events.last?["response"]?["error"]?["code"] == "server_error")
                #expect(!events.contains { $0["type"] == "response.output_item.done" && $0["item"]?["type"] == "message" })
            }
        }
    }

    @Test func nonStreamingRequestsGetTheResponseObject() async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("Plain"))])
        try await app(TestProxy.dependencies(upstream)).test(.router) { client in
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers,
                                     body: body(#"{"model":"mimo-v2.6-flash","input":"hi"}"#)) { response in
                #expect(response.headers[.contentType] == "application/json")
                let object = TestProxy.json(response.body)
                #expect(object["object"] == "response")
                #expect(object["output"]?.arrayValue?.last?["content"]?[0]?["text"] == "Plain")
                #expect(object["usage"]?["total_tokens"] == 13)
            }
        }
    }

    @Test func compactionTriggerAndCompactEndpointBothSummarise() async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("Summary A")), .chunks(ScriptedUpstream.answer("Summary B"))])
        try await app(TestProxy.dependencies(upstream)).test(.router) { client in
            let trigger = #"{"model":"mimo-v2.6-flash","stream":true,"input":[{"role":"user","content":"work"},{"type":"compaction_trigger"}]}"#
            try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(trigger)) { response in
                let done = try TestProxy.events(String(buffer: response.body)).filter { $0["type"] == "response.output_item.done" }
                #expect(done.count == 1)
                #expect(done.first?["item"]?["type"] == "compaction")
            }
            try await client.execute(uri: "/v1/responses/compact", method: .post, headers: Self.headers,
                                     body: body(#"{"model":"mimo-v2.6-flash","input":[{"type":"message","role":"user","content":"work"}]}"#)) { response in
                let output = TestProxy.json(response.body)["output"]?.arrayValue ?? []
                #expect(output.map { $0["type"]?.stringValue } == ["message", "compaction"])
                let blob = output.last?["encrypted_content"]?.stringValue ?? ""
                #expect(ReasoningCodec.decodeCompaction(blob) == "Summary B")
            }
        }
        let last = try #require(await upstream.calls.last)
        #expect(last.body["tools"] == nil)
    }

    @Test func modelsServeBothShapesWithETag() async throws {
        try await app(TestProxy.dependencies(ScriptedUpstream([]))).test(.router) { client in
            let etag = try await client.execute(uri: "/v1/models?client_version=0.163.0", method: .get) { response in
                #expect(response.status == .ok)
                let object = TestProxy.json(response.body)
                let listed = object["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                #expect(listed == ["mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.6-pro-ultraspeed"])
                let models = object["models"]?.arrayValue ?? []
                let pro = models.first { $0["slug"] == "mimo-v2.6-pro" }
                #expect(pro?["context_window"] == 1_048_576)
                #expect(pro?["input_modalities"] == ["text", "image"])  // images are routed to the vision model
                #expect(pro?["apply_patch_tool_type"] == "freeform")
                #expect(pro?["use_responses_lite"] == false)
                #expect(pro?["base_instructions"]?.stringValue?.isEmpty == false)
                #expect(pro?["default_reasoning_level"] == "low")
                #expect(pro?["supports_search_tool"] == false)  // no tools revealed mid-session: MiMo's prompt cache stays warm
                #expect(pro?["supported_reasoning_levels"]?.arrayValue?.compactMap { $0["effort"]?.stringValue } == ["none", "low", "medium", "high"])
                // A config.toml still naming a retired slug keeps a 1M context and freeform apply_patch,
                // without the slug showing in Codex's model picker.
                let legacy = models.first { $0["slug"] == "mimo-v2.5-pro" }
                #expect(legacy?["context_window"] == 1_048_576)
                #expect(legacy?["apply_patch_tool_type"] == "freeform")
                #expect(legacy?["visibility"] == "hide")
                #expect(!listed.contains("mimo-v2.5-pro"))
                return response.headers[.eTag] ?? ""
            }
            try await client.execute(uri: "/v1/models", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
        }
    }

    @Test func healthMetricsAndWebsocketRefusal() async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("x"))])
        try await app(TestProxy.dependencies(upstream)).test(.router) { client in
            _ = try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: body(Self.codexTurn)) { _ in }
            try await client.execute(uri: "/health", method: .get) { response in
                let object = TestProxy.json(response.body)
                #expect(object["status"] == "ok")
                #expect(object["served"] == 1)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"ccmimolink_requests_total{endpoint="responses",status="200"} 1"#))
                #expect(text.contains("ccmimolink_in_flight_streams 0"))
                #expect(!text.contains("sk-test-key"))
            }
            try await client.execute(uri: "/v1/responses", method: .get, headers: [.upgrade: "websocket"]) { response in
                #expect(response.status.code == 426)
            }
        }
    }
}
