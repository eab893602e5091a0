import Hummingbird
import HummingbirdTesting
@testable import MimoSimulatorServer
import ResponsesTranslation
import Testing

/// A body MiMo would refuse gets MiMo's exact answer, streamed request or not.
@Suite struct ValidationPassThroughTests {
    @Test(arguments: [true, false])
    func missingReasoningReplayIsMimosFourHundred(stream: Bool) async throws {
        try await SimulatorHarness.withRouter { client, _ in
            let response = try await SimulatorHarness.postChat(client, ChatBodies.afterToolResult("x", reasoningReplayed: false, stream: stream))
            #expect(response.status.code == 400)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.text == #"{"error":{"code":"400","message":"Param Incorrect","param":"The reasoning_content in the thinking mode must be passed back to the API.","type":""}}"#)
        }
    }

    /// `POST /__sim/models` makes a model text-only (as some sources say v2.6-pro is) or keeps serving the
    /// retired ids; `DELETE` goes back to the start-up lineup. `GET /models` lists what is served.
    @Test func theModelLineupCanBeChangedAtRunTime() async throws {
        let message: JSONValue = ["role": "user", "content": [
            ["type": "text", "text": "SIM_IMAGE"], ["type": "image_url", "image_url": ["url": "data:image/png;base64,AAAA"]],
        ]]
        try await SimulatorHarness.withRouter { client, _ in
            let image = ChatBodies.request(messages: [message], model: "mimo-v2.6-pro")
            #expect(try await SimulatorHarness.postChat(client, image).status.code == 200)
            let set = try await client.execute(uri: "/__sim/models", method: .post,
                                               body: ByteBuffer(string: #"{"text_only":["mimo-v2.6-pro"],"serve_retired":true}"#))
            #expect(set.status == .ok)
            let refused = try await SimulatorHarness.postChat(client, image)
            #expect(refused.status.code == 404)
            #expect(refused.json?["error"]?["message"] == "No endpoints found that support image input")
            let old = try await SimulatorHarness.postChat(client, ChatBodies.user("hi", model: "mimo-v2.5-pro"))
            #expect(old.status.code == 200)
            let listed = try await client.execute(uri: "/v1/models", method: .get, headers: SimulatorHarness.bearer)
            #expect(listed.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.contains("mimo-v2.5-pro") == true)

            #expect(try await client.execute(uri: "/__sim/models", method: .delete).status == .ok)
            #expect(try await SimulatorHarness.postChat(client, image).status.code == 200)
            let retired = try await SimulatorHarness.postChat(client, ChatBodies.user("hi", model: "mimo-v2.5-pro"))
            #expect(retired.status.code == 400)
            #expect(retired.text == #"{"error":{"code":"400","message":"Not supported model","param":"mimo-v2.5-pro","type":""}}"#)
            let bad = try await client.execute(uri: "/__sim/models", method: .post, body: ByteBuffer(string: #"{"text_only":[1]}"#))
            #expect(bad.status == .badRequest)
        }
    }

    @Test func bodyThatIsNotJSONIsAFourHundred() async throws {
        try await SimulatorHarness.withRouter { client, state in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, headers: SimulatorHarness.bearer,
                                                    body: ByteBuffer(string: "{not json"))
            #expect(response.status.code == 400)
            #expect(response.json?["error"]?["message"] == "Param Incorrect")
            #expect(await state.recordedRequests().last?["body"] == "{not json")
        }
    }
}
