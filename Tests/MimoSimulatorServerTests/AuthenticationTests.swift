import Hummingbird
import HummingbirdTesting
@testable import MimoSimulatorServer
import ResponsesTranslation
import Testing

/// MiMo's key rules (mimo-api.md §1, §2), through the router.
@Suite struct AuthenticationTests {
    static let invalidKeyBody = #"{"error":{"message":"Invalid API Key","param":"Please provide valid API Key","code":"401","type":"invalid_key"}}"#
    static let body = ChatBodies.user("hi", stream: false)

    static func status(_ headers: HTTPFields, mode: MimoSimulatorMode = .standard) async throws -> (Int, String) {
        try await SimulatorHarness.withRouter(MimoSimulatorOptions(mode: mode)) { client, _ in
            let response = try await SimulatorHarness.postChat(client, body, headers: headers)
            return (Int(response.status.code), response.text)
        }
    }

    @Test func bearerAndApiKeyAreBothAccepted() async throws {
        #expect(try await Self.status([.authorization: "Bearer sk-abc"]).0 == 200)
        #expect(try await Self.status([.authorization: "bearer sk-abc"]).0 == 200)
        #expect(try await Self.status([MimoAuthentication.apiKey: "sk-abc"]).0 == 200)
    }

    @Test func missingEmptyOrForeignHeadersGetMimosBody() async throws {
        let refused: [HTTPFields] = [
            [:],
            [.authorization: "Bearer "],
            [.authorization: "Basic c2stYWJj"],
            [MimoAuthentication.apiKey: ""],
            [MimoAuthentication.xAPIKey: "sk-abc"],
            [.authorization: "Bearer sk-abc", MimoAuthentication.apiKey: "sk-abc"],
        ]
        for headers in refused {
            let (status, text) = try await Self.status(headers)
            #expect(status == 401, "\(headers)")
            #expect(text == Self.invalidKeyBody, "\(headers)")
        }
    }

    @Test func keysOfTheOtherPlanAreRefused() async throws {
        #expect(try await Self.status([.authorization: "Bearer tp-abc"]).0 == 401)
        #expect(try await Self.status([MimoAuthentication.apiKey: "ttp-abc"]).0 == 401)
        #expect(try await Self.status([.authorization: "Bearer tp-abc"], mode: .tokenPlan).0 == 200)
        #expect(try await Self.status([MimoAuthentication.apiKey: "tp-abc"], mode: .tokenPlan).0 == 200)
        #expect(try await Self.status([.authorization: "Bearer sk-abc"], mode: .tokenPlan).0 == 401)
    }

    @Test func modelsNeedAKeyToo() async throws {
        try await SimulatorHarness.withRouter { client, _ in
            let refused = try await client.execute(uri: "/v1/models", method: .get)
            #expect(refused.status.code == 401)
            let listed = try await client.execute(uri: "/v1/models", method: .get, headers: SimulatorHarness.bearer)
            let ids = listed.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.contains("mimo-v2.6-pro"))
        }
    }

    @Test func everyBasePathServesChat() async throws {
        try await SimulatorHarness.withRouter { client, _ in
            for path in ["/v1/chat/completions", "/chat/completions", "/token-plan-sgp/v1/chat/completions", "/anything/chat/completions"] {
                let response = try await SimulatorHarness.postChat(client, Self.body, path: path)
                #expect(response.status.code == 200, "\(path)")
            }
            let missing = try await SimulatorHarness.postChat(client, Self.body, path: "/v1/responses")
            #expect(missing.status.code == 404)
        }
    }
}
