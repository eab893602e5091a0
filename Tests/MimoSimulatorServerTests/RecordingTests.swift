import Hummingbird
import HummingbirdTesting
@testable import MimoSimulatorServer
import ResponsesTranslation
import Testing

/// `GET /__sim/requests`: bodies and the header facts that matter, never a key.
@Suite struct RecordingTests {
    @Test func recordsBodiesModelAndAuthHeaderNameWithoutTheKey() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            let first = ChatBodies.user("first")
            _ = try await SimulatorHarness.exchange(port: simulator.port, headers: ["Authorization": "Bearer sk-SECRET123"], body: first.serialized())
            _ = try await SimulatorHarness.exchange(port: simulator.port, path: "/token-plan-cn/v1/chat/completions",
                                                    headers: ["api-key": "tp-SECRET456"], body: ChatBodies.user("second", stream: false).serialized())
            let listing = try await SimulatorHarness.exchange(port: simulator.port, method: "GET", path: "/__sim/requests")
            #expect(!listing.body.contains("SECRET"))
            let records = try #require(listing.json?.arrayValue)
            #expect(records.count == 2)
            #expect(records[0]["body"] == first)
            #expect(records[0]["model"] == "mimo-v2.6-pro")
            #expect(records[0]["auth_header"] == "authorization")
            #expect(records[0]["key"] == "sk-…")
            #expect(records[0]["stream"] == true)
            #expect(records[0]["status"] == 200)
            #expect(records[1]["auth_header"] == "api-key")
            #expect(records[1]["key"] == "tp-…")
            #expect(records[1]["status"] == 401, "a tp- key on the standard gateway")
            #expect(records[1]["path"] == "/token-plan-cn/v1/chat/completions")
            #expect(await simulator.recordedRequests() == records)

            let cleared = try await SimulatorHarness.exchange(port: simulator.port, method: "DELETE", path: "/__sim/requests")
            #expect(cleared.status == 200)
            #expect(await simulator.recordedRequests().isEmpty)
        }
    }

    @Test func recordingKeepsTheNewestWithinItsCap() async throws {
        var options = MimoSimulatorOptions()
        options.maxRecordedRequests = 3
        try await SimulatorHarness.withRouter(options) { client, state in
            for index in 0..<5 {
                _ = try await SimulatorHarness.postChat(client, ChatBodies.user("message \(index)", stream: false))
            }
            let texts = await state.recordedRequests().compactMap { $0["body"]?["messages"]?.arrayValue?.last?["content"]?.stringValue }
            #expect(texts == ["message 2", "message 3", "message 4"])
        }
    }
}
