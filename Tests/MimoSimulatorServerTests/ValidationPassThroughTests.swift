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

    @Test func imagesToATextModelAreAFourOhFour() async throws {
        let message: JSONValue = ["role": "user", "content": [
            ["type": "text", "text": "SIM_IMAGE"], ["type": "image_url", "image_url": ["url": "data:image/png;base64,AAAA"]],
        ]]
        try await SimulatorHarness.withRouter { client, _ in
            let response = try await SimulatorHarness.postChat(client, ChatBodies.request(messages: [message], model: "mimo-v2.5-pro"))
            #expect(response.status.code == 404)
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
