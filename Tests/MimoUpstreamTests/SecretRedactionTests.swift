import Testing
@testable import MimoUpstream

@Suite struct SecretRedactionTests {
    @Test func keyLikeTokensKeepOnlyTheirPrefix() {
        let text = "bad key sk-abcdefgh12345 and TP-ZZZZZZZZZZZ, ttp-team_key_1234; Authorization: Bearer eyJhbGciOi.J9x+/= end"
        let redacted = SecretRedaction.redacting(text)
        #expect(redacted == "bad key sk-… and TP-…, ttp-…; Authorization: Bearer … end")
    }

    @Test func ordinaryWordsSurvive() {
        let text = "use scikit sk-learn, desk-top, tp-1 and task-abcdefghijk"
        #expect(SecretRedaction.redacting(text) == text)
    }

    @Test func aKnownKeyIsRemovedWhateverItsShape() {
        let key = MimoAPIKey(value: "custom-proxy-token-123", source: .environment)
        let redacted = SecretRedaction.redacting("rejected custom-proxy-token-123!", known: key)
        #expect(!redacted.contains("custom-proxy-token-123"))
        #expect(redacted.contains(key.redacted))
    }
}
