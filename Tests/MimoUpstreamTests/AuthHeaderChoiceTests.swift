import ResponsesTranslation
import Testing
@testable import MimoUpstream

@Suite struct AuthHeaderChoiceTests {
    static func key(_ value: String) -> MimoAPIKey { MimoAPIKey(value: value, source: .environment) }

    @Test func tokenPlanHostsGetApiKey() {
        let headers = AuthHeaderChoice.headers(for: Self.key("sk-standard"), endpoint: UpstreamEndpoint(mode: .tokenPlanSingapore))
        #expect(headers.count == 1)
        #expect(headers.first?.name == "api-key")
        #expect(headers.first?.value == "sk-standard")
    }

    @Test(arguments: ["tp-abc", "ttp-team"])
    func tokenPlanKeysGetApiKeyEvenThroughAProxy(value: String) {
        let endpoint = UpstreamEndpoint(mode: .standard, baseURLOverride: "http://127.0.0.1:8080/v1")
        let headers = AuthHeaderChoice.headers(for: Self.key(value), endpoint: endpoint)
        #expect(headers.map(\.name) == ["api-key"])
        #expect(headers.map(\.value) == [value])
    }

    @Test func payAsYouGoGetsBearer() {
        let headers = AuthHeaderChoice.headers(for: Self.key("sk-123"), endpoint: UpstreamEndpoint(mode: .standard))
        #expect(headers.map(\.name) == ["Authorization"])
        #expect(headers.map(\.value) == ["Bearer sk-123"])
    }

    @Test func neverXApiKeyAndAlwaysExactlyOne() {
        for mode in MimoPlan.allCases {
            for value in ["sk-1", "tp-1", "ttp-1", "weird"] {
                let headers = AuthHeaderChoice.headers(for: Self.key(value), endpoint: UpstreamEndpoint(mode: mode))
                #expect(headers.count == 1)
                #expect(!headers.contains { $0.name.lowercased() == "x-api-key" })
            }
        }
    }
}
