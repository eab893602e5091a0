import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MimoSimulatorServer
import MimoUpstream
import ProxyServer
import ResponsesTranslation
import Testing
import TestSupport

/// The whole HTTP surface with the real MimoClient against the simulator: what a Responses client
/// sees, and what MiMo accepts on the next turn.
@Suite(.serialized) struct FullStackTests {
    static func events(_ buffer: ByteBuffer) throws -> [JSONValue] {
        try ServerSentEventBody.payloads(String(buffer: buffer))
    }

    static func run(_ body: (RunningMimoSimulator, any ApplicationProtocol) async throws -> Void) async throws {
        let simulator = try await RunningMimoSimulator.start()
        let client = MimoClientTests.client(simulator)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dependencies = ProxyDependencies(
            upstream: client, archive: InMemoryResponseArchive(), models: ModelSelection(configured: "mimo-v2.6-pro"), logger: logger,
            settings: ProxySettings(keepaliveInterval: .seconds(5)),
            resolveKey: { header in header("Authorization").map { MimoAPIKey(value: String($0.dropFirst(7)), source: .request(header: "Authorization")) } },
            missingKeyMessage: "no key")
        do {
            try await body(simulator, Application(router: ProxyRouter.build(dependencies)))
        } catch {
            try? await client.shutdown()
            await simulator.stop()
            throw error
        }
        try await client.shutdown()
        await simulator.stop()
    }

    static let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(MimoClientTests.key)"]

    @Test func aToolRoundTripReplaysReasoningThatMimoAccepts() async throws {
        try await Self.run { simulator, app in
            try await app.test(.router) { client in
                let tools = #"[{"type":"function","name":"exec_command","parameters":{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}}]"#
                let first = #"{"model":"gpt-5.5","stream":true,"store":false,"tools":\#(tools),"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"SIM_SHELL ls -la"}]}]}"#
                let items = try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers, body: ByteBuffer(string: first)) { response in
                    try Self.events(response.body).filter { $0["type"] == "response.output_item.done" }.compactMap { $0["item"] }
                }
                #expect(items.map { $0["type"]?.stringValue } == ["reasoning", "function_call"])
                let call = try #require(items.last)
                #expect(call["name"] == "exec_command")
                #expect((try? JSONValue.parse(call["arguments"]?.stringValue ?? "")) == ["cmd": "ls -la"])

                // Codex replays the items verbatim with the tool's output; MiMo validates the replay.
                let replay: JSONValue = .array([["type": "message", "role": "user", "content": [["type": "input_text", "text": "SIM_SHELL ls -la"]]]]
                    + items + [["type": "function_call_output", "call_id": call["call_id"]!, "output": "Output:\ntotal 0"]])
                let second: JSONValue = ["model": "gpt-5.5", "stream": true, "store": false, "tools": try JSONValue.parse(tools), "input": replay]
                try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers,
                                         body: ByteBuffer(bytes: second.serializedBytes())) { response in
                    let last = try Self.events(response.body).last
                    #expect(last?["type"] == "response.completed")
                    #expect(last?["response"]?["output"]?.arrayValue?.last?["content"]?[0]?["text"] == "Done. The tool said: total 0")
                }
            }
            let statuses = await simulator.recordedRequests().compactMap { $0["status"]?.intValue }
            #expect(statuses == [200, 200])
        }
    }

    @Test func anErrorFrameBecomesResponseFailed() async throws {
        try await Self.run { simulator, app in
            await simulator.enqueue([.errorFrame(status: 200, body: ["error": ["code": "400", "message": "Param Incorrect", "param": "something odd", "type": ""]])])
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/responses", method: .post, headers: Self.headers,
                                         body: ByteBuffer(string: #"{"model":"mimo-v2.6-flash","stream":true,"input":"hi"}"#)) { response in
                    let last = try Self.events(response.body).last
                    #expect(last?["type"] == "response.failed")
                    #expect(last?["response"]?["error"]?["code"] == "invalid_prompt")
                }
            }
        }
    }
}
