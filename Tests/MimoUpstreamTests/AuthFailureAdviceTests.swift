import Testing
@testable import MimoUpstream

@Suite struct AuthFailureAdviceTests {
    static let tokenPlanSecret = "tp-" + String(repeating: "q7Wz", count: 12)
    static let payAsYouGoSecret = "sk-" + String(repeating: "k9Lm", count: 12)
    static let invalid = "Invalid API Key"

    static func key(_ value: String) -> MimoAPIKey { MimoAPIKey(value: value, source: .credentialsFile(path: "/run/creds/mimo-api-key")) }

    static func expectNoSecret(_ message: String, _ secret: String) {
        #expect(!message.contains(secret))
        #expect(!message.contains(String(secret.prefix(5))))
    }

    @Test func tokenPlanKeyOnTheStandardHost() {
        let message = AuthFailureAdvice.message(key: Self.key(Self.tokenPlanSecret), endpoint: UpstreamEndpoint(mode: .standard),
                                                upstreamMessage: Self.invalid)
        #expect(message.contains("Token Plan key"))
        #expect(message.contains("pay-as-you-go host"))
        #expect(message.contains("MIMO_MODE"))
        #expect(message.contains("/run/creds/mimo-api-key"))
        #expect(message.contains(Self.invalid))
        Self.expectNoSecret(message, Self.tokenPlanSecret)
    }

    @Test func payAsYouGoKeyOnATokenPlanHost() {
        let message = AuthFailureAdvice.message(key: Self.key(Self.payAsYouGoSecret), endpoint: UpstreamEndpoint(mode: .tokenPlanAmsterdam),
                                                upstreamMessage: Self.invalid)
        #expect(message.contains("pay-as-you-go key"))
        #expect(message.contains("MIMO_MODE=standard"))
        #expect(message.contains("token-plan-ams.xiaomimimo.com"))
        Self.expectNoSecret(message, Self.payAsYouGoSecret)
    }

    @Test func tokenPlanKeyOnATokenPlanHostIsProbablyTheWrongCluster() {
        let message = AuthFailureAdvice.message(key: Self.key(Self.tokenPlanSecret), endpoint: UpstreamEndpoint(mode: .tokenPlanChina),
                                                upstreamMessage: Self.invalid)
        #expect(message.contains("cluster"))
        #expect(message.contains("cannot be told from the key"))
        #expect(message.contains("Token Plan page"))
        #expect(message.contains("MIMO_MODE"))
        Self.expectNoSecret(message, Self.tokenPlanSecret)
    }

    @Test func otherwiseTheKeyIsInvalidOrRevoked() {
        let message = AuthFailureAdvice.message(key: Self.key(Self.payAsYouGoSecret), endpoint: UpstreamEndpoint(mode: .standard),
                                                upstreamMessage: Self.invalid)
        #expect(message.contains("invalid or revoked"))
        #expect(!message.contains("cluster it was issued"))
        // Through a proxy the host tells nothing about plans, so no mismatch is claimed.
        let proxied = AuthFailureAdvice.message(
            key: Self.key(Self.tokenPlanSecret), endpoint: UpstreamEndpoint(mode: .standard, baseURLOverride: "http://127.0.0.1:1/v1"),
            upstreamMessage: "")
        #expect(proxied.contains("invalid or revoked"))
    }

    @Test func anEchoedKeyIsRemovedFromMiMosText() {
        let message = AuthFailureAdvice.message(key: Self.key(Self.payAsYouGoSecret), endpoint: UpstreamEndpoint(mode: .standard),
                                                upstreamMessage: "Invalid API Key: \(Self.payAsYouGoSecret)")
        Self.expectNoSecret(message, Self.payAsYouGoSecret)
        #expect(message.contains("Invalid API Key"))
    }

    @Test func noKeyPointsToWhereOneGoes() {
        let message = AuthFailureAdvice.message(key: nil, endpoint: UpstreamEndpoint(mode: .standard), upstreamMessage: "")
        #expect(message.contains("no API key was sent"))
        #expect(message.contains(MissingKeyAdvice.message))
    }
}
