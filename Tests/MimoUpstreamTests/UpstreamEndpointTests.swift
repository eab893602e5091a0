import ResponsesTranslation
import Testing
@testable import MimoUpstream

@Suite struct UpstreamEndpointTests {
    @Test(arguments: [
        (MimoPlan.standard, "https://api.xiaomimimo.com/v1", false),
        (.tokenPlanChina, "https://token-plan-cn.xiaomimimo.com/v1", true),
        (.tokenPlanSingapore, "https://token-plan-sgp.xiaomimimo.com/v1", true),
        (.tokenPlanAmsterdam, "https://token-plan-ams.xiaomimimo.com/v1", true),
    ])
    func eachModeUsesItsDocumentedHost(mode: MimoPlan, base: String, tokenPlan: Bool) {
        let endpoint = UpstreamEndpoint(mode: mode, baseURLOverride: nil)
        #expect(endpoint.baseURL == base)
        #expect(endpoint.chatCompletionsURL == base + "/chat/completions")
        #expect(endpoint.modelsURL == base + "/models")
        #expect(endpoint.isTokenPlanHost == tokenPlan)
        #expect(mode.isTokenPlan == tokenPlan)
    }

    @Test func rawValuesAreTheConfigurationSpellings() {
        #expect(MimoPlan.allCases.map(\.rawValue) == ["standard", "token-plan-cn", "token-plan-sgp", "token-plan-ams"])
        #expect(MimoPlan(rawValue: "token-plan-sgp") == .tokenPlanSingapore)
    }

    @Test(arguments: [
        ("https://token-plan-sgp.xiaomimimo.com/v1/", "https://token-plan-sgp.xiaomimimo.com/v1"),
        ("https://token-plan-sgp.xiaomimimo.com/v1///", "https://token-plan-sgp.xiaomimimo.com/v1"),
        ("https://token-plan-sgp.xiaomimimo.com/v1/chat/completions", "https://token-plan-sgp.xiaomimimo.com/v1"),
        ("https://token-plan-sgp.xiaomimimo.com/v1/chat/completions/", "https://token-plan-sgp.xiaomimimo.com/v1"),
        ("  http://127.0.0.1:8080/v1\n", "http://127.0.0.1:8080/v1"),
    ])
    func overridesAreNormalised(override: String, expected: String) {
        let endpoint = UpstreamEndpoint(mode: .standard, baseURLOverride: override)
        #expect(endpoint.baseURL == expected)
        #expect(endpoint.chatCompletionsURL == expected + "/chat/completions")
    }

    @Test func aBlankOverrideMeansTheModesHost() {
        #expect(UpstreamEndpoint(mode: .tokenPlanChina, baseURLOverride: "  ").baseURL == MimoPlan.tokenPlanChina.defaultBaseURL)
        #expect(UpstreamEndpoint(mode: .tokenPlanChina, baseURLOverride: "").baseURL == MimoPlan.tokenPlanChina.defaultBaseURL)
    }

    @Test(arguments: [
        ("https://Token-Plan-AMS.xiaomimimo.com/v1", "token-plan-ams.xiaomimimo.com", true),
        ("http://user:pw@127.0.0.1:9999/v1", "127.0.0.1", false),
        ("http://[::1]:8080/v1", "[::1]", false),
        ("https://api.xiaomimimo.com/v1", "api.xiaomimimo.com", false),
        ("https://token-plan-cn.example.com/v1", "token-plan-cn.example.com", false),
    ])
    func hostIsReadFromTheURL(url: String, host: String, tokenPlan: Bool) {
        let endpoint = UpstreamEndpoint(mode: .tokenPlanChina, baseURLOverride: url)
        #expect(endpoint.host == host)
        // The host decides, not the mode: a proxy in Token Plan mode is not a Token Plan gateway.
        #expect(endpoint.isTokenPlanHost == tokenPlan)
    }
}
