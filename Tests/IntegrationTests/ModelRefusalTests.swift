import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MimoSimulator
import MimoSimulatorServer
import MimoUpstream
import NIOConcurrencyHelpers
import ProxyServer
import ResponsesTranslation
import Testing

/// What a user of today's MiMo meets, through the real router and MimoClient against a simulator whose
/// v2.5 ids are retired: a model MiMo refuses is replaced before the first byte reaches the client,
/// and what that taught is remembered.
@Suite(.serialized) struct ModelRefusalTests {
    /// Records what the endpoint tells the refresher, instead of reading `/models`.
    final class RecordingRefresher: ServedModelsRefreshing {
        let seen = NIOLockedValueBox<[String]>([])
        func requestSeen(key: MimoAPIKey) {}
        func modelNotServed(_ model: String, key: MimoAPIKey) { seen.withLockedValue { $0.append("not served: \(model)") } }
        func modelRefusedImages(_ model: String) { seen.withLockedValue { $0.append("refused images: \(model)") } }
    }

    struct Stack {
        let simulator: RunningMimoSimulator
        let app: any ApplicationProtocol
        let models: ModelSelection
        let refresher: RecordingRefresher
    }

    static func run(lineup: SimulatedModelLineup = SimulatedModelLineup(), models: ModelSelection,
                    _ body: (Stack) async throws -> Void) async throws {
        var options = MimoSimulatorOptions()
        options.lineup = lineup
        let simulator = try await RunningMimoSimulator.start(options)
        let client = MimoClientTests.client(simulator)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let refresher = RecordingRefresher()
        let dependencies = ProxyDependencies(
            upstream: client, archive: InMemoryResponseArchive(), models: models, logger: logger,
            settings: ProxySettings(keepaliveInterval: .seconds(5)),
            resolveKey: { header in header("Authorization").map { MimoAPIKey(value: String($0.dropFirst(7)), source: .request(header: "Authorization")) } },
            missingKeyMessage: "no key", modelRefresh: refresher)
        do {
            try await body(Stack(simulator: simulator, app: Application(router: ProxyRouter.build(dependencies)), models: models,
                                 refresher: refresher))
        } catch {
            try? await client.shutdown()
            await simulator.stop()
            throw error
        }
        try await client.shutdown()
        await simulator.stop()
    }

    static func post(_ client: any TestClientProtocol, _ body: String) async throws -> (status: Int, events: [JSONValue], text: String) {
        try await client.execute(uri: "/v1/responses", method: .post, headers: FullStackTests.headers, body: ByteBuffer(string: body)) { response in
            try (Int(response.status.code), FullStackTests.events(response.body), String(buffer: response.body))
        }
    }

    static func models(_ simulator: RunningMimoSimulator) async -> [String] {
        await simulator.recordedRequests().compactMap { $0["model"]?.stringValue }
    }

    static let image = #"{"type":"message","role":"user","content":[{"type":"input_text","text":"SIM_IMAGE what is it?"},{"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo="}]}"#

    /// `mimo-v2.6-pro` refuses images here (some sources say so): the turn is answered by the vision
    /// model, and the next image turn goes there at once.
    @Test func anImageRefusedByTheTextModelIsAnsweredByTheVisionModel() async throws {
        try await Self.run(lineup: SimulatedModelLineup(textOnly: ["mimo-v2.6-pro"]), models: ModelSelection()) { stack in
            try await stack.app.test(.router) { client in
                let body = #"{"model":"mimo-v2.6-pro","stream":true,"input":[\#(Self.image)]}"#
                let first = try await Self.post(client, body)
                #expect(first.events.last?["type"] == "response.completed")
                #expect(first.events.last?["response"]?["output"]?.arrayValue?.last?["content"]?[0]?["text"] == "I see 1 image(s).")
                #expect(await Self.models(stack.simulator) == ["mimo-v2.6-pro", "mimo-v2.6-flash"])
                #expect(!stack.models.current.lineup.acceptsImages("mimo-v2.6-pro"))
                #expect(stack.refresher.seen.withLockedValue { $0 } == ["refused images: mimo-v2.6-pro"])

                _ = try await Self.post(client, body)
                #expect(await Self.models(stack.simulator) == ["mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.6-flash"])
            }
        }
    }

    /// An image in a tool's output (`view_image`) takes the same way.
    @Test func anImageFromViewImageTakesTheSameWay() async throws {
        try await Self.run(lineup: SimulatedModelLineup(textOnly: ["mimo-v2.6-pro"]), models: ModelSelection()) { stack in
            try await stack.app.test(.router) { client in
                let input = #"""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"look at a.png"}]},
                 {"type":"function_call","call_id":"c1","name":"view_image","arguments":"{\"path\":\"a.png\"}"},
                 {"type":"function_call_output","call_id":"c1","output":[{"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo="}]}]
                """#
                let tools = #"[{"type":"function","name":"view_image","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}]"#
                let result = try await Self.post(client, #"{"model":"mimo-v2.6-pro","stream":true,"reasoning":{"effort":"none"},"tools":\#(tools),"input":\#(input)}"#)
                #expect(result.events.last?["type"] == "response.completed")
                #expect(await Self.models(stack.simulator) == ["mimo-v2.6-pro", "mimo-v2.6-flash"])
            }
        }
    }

    /// A pin from last summer (`v2.5-pro`) goes to the successor; when the stored list still claims the
    /// old id is served but MiMo refuses it, the request is sent once more to the successor and the
    /// list is read again.
    @Test func aRetiredIdIsRetriedOnItsSuccessorAndTheListReadAgain() async throws {
        let models = ModelSelection(pinned: "v2.5-pro", lineup: ModelLineup(served: ["mimo-v2.5-pro", "mimo-v2.6-pro"]))
        #expect(models.current.active.id == "mimo-v2.5-pro", "the stale list says the old id is served")
        try await Self.run(models: models) { stack in
            try await stack.app.test(.router) { client in
                let result = try await Self.post(client, #"{"model":"gpt-5.5","stream":true,"input":"hello"}"#)
                #expect(result.events.last?["type"] == "response.completed")
                #expect(result.events.first?["type"] == "response.created", "nothing of the refused attempt reached the client")
                #expect(await Self.models(stack.simulator) == ["mimo-v2.5-pro", "mimo-v2.6-pro"])
                #expect(stack.refresher.seen.withLockedValue { $0 } == ["not served: mimo-v2.5-pro"])
            }
        }
    }

    /// A model the client names that MiMo does not serve and that has no successor ends the turn with
    /// `model_not_found` (Codex 0.169 stops at once) and a message naming `ccmimoctl models`.
    @Test(arguments: [true, false])
    func anUnknownClientModelEndsTheTurnWithModelNotFound(stream: Bool) async throws {
        try await Self.run(models: ModelSelection()) { stack in
            try await stack.app.test(.router) { client in
                let result = try await Self.post(client, #"{"model":"mimo-v9-turbo","stream":\#(stream),"input":"hello"}"#)
                if stream {
                    #expect(result.status == 200)
                    let error = result.events.last?["response"]?["error"]
                    #expect(result.events.last?["type"] == "response.failed")
                    #expect(error?["code"] == "model_not_found")
                    #expect(error?["message"]?.stringValue?.contains("mimo-v9-turbo") == true)
                    #expect(error?["message"]?.stringValue?.contains("ccmimoctl models") == true)
                } else {
                    #expect(result.status == 404)
                    #expect(result.text.contains("model_not_found") && result.text.contains("ccmimoctl models"))
                }
                #expect(await Self.models(stack.simulator) == ["mimo-v9-turbo"], "tried once, never retried on another model")
            }
        }
    }

    /// Token Plan answers bursts with 402 "Insufficient account funds" although the plan has credit:
    /// retried within the budget, so the turn succeeds.
    @Test func aTokenPlanFundsBurstIsRetried() async throws {
        try await Self.run(models: ModelSelection()) { stack in
            await stack.simulator.enqueue([.status(402), .status(402)])
            try await stack.app.test(.router) { client in
                let result = try await Self.post(client, #"{"model":"mimo-v2.6-pro","stream":true,"input":"hello"}"#)
                #expect(result.events.last?["type"] == "response.completed")
            }
            let statuses = await stack.simulator.recordedRequests().compactMap { $0["status"]?.intValue }
            #expect(statuses == [402, 402, 200])
        }
    }

    /// MiMo's content filter (421) is permanent for that request: `content_policy_violation`, which
    /// Codex 0.169 does not retry.
    @Test func theContentFilterIsAContentPolicyViolation() async throws {
        try await Self.run(models: ModelSelection()) { stack in
            await stack.simulator.enqueue([.status(421)])
            try await stack.app.test(.router) { client in
                let result = try await Self.post(client, #"{"model":"mimo-v2.6-pro","stream":true,"input":"hello"}"#)
                #expect(result.status == 400)
                #expect(result.text.contains("content_policy_violation"))
            }
        }
    }
}
