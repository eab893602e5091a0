import Testing
@testable import ResponsesTranslation

/// The one policy for showing secrets: a plan prefix of four characters at most, on a key long
/// enough for it, and the length; nothing else of a key, anywhere.
@Suite struct SecretRedactionTests {
    @Test func keyLikeTokensKeepOnlyTheirPrefix() {
        let text = "bad key sk-abcdefgh12345 and TP-ZZZZZZZZZZZ, ttp-team_key_1234; Authorization: Bearer eyJhbGciOi.J9x+/= end"
        #expect(SecretRedaction.redacting(text) == "bad key sk-… and TP-…, ttp-…; Authorization: Bearer … end")
    }

    @Test func ordinaryWordsSurvive() {
        let text = "use scikit sk-learn, desk-top, tp-1 and task-abcdefghijk"
        #expect(SecretRedaction.redacting(text) == text)
    }

    @Test func aKnownSecretIsRemovedWhateverItsShape() {
        let redacted = SecretRedaction.redacting("rejected custom-proxy-token-123!", known: ["custom-proxy-token-123"])
        #expect(redacted == "rejected …!")
    }

    @Test(arguments: [
        ("", "", "…(len 0)"), ("sk-abc", "", "…(len 6)"), ("abcdefghijklmnop", "", "…(len 16)"),
        ("sk-0123456789ab", "sk-", "sk-…(len 15)"), ("TP-0123456789ab", "TP-", "TP-…(len 15)"),
        ("ttp-0123456789ab", "ttp-", "ttp-…(len 16)"), ("tp-Zq8wK3mN5pR7tV9xY2bD4fH6jL", "tp-", "tp-…(len 29)"),
    ])
    func summariesShowThePlanPrefixAndTheLength(key: String, prefix: String, summary: String) {
        #expect(SecretRedaction.visiblePrefix(of: key) == prefix)
        #expect(SecretRedaction.placeholder(for: key) == prefix + "…")
        #expect(SecretRedaction.summary(of: key) == summary)
    }

    /// Whatever the key, no five characters of it survive any of the forms.
    @Test func noFormShowsMoreThanFourCharactersOfAKey() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        for _ in 0..<500 {
            let prefix = ["sk-", "tp-", "ttp-", "", "Bearer "].randomElement(using: &generator)!
            let body = String((0..<Int.random(in: 8...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let key = (prefix == "Bearer " ? "" : prefix) + body
            let text = "error: \(prefix == "Bearer " ? "Bearer " : "")\(key) was refused"
            for shown in [SecretRedaction.summary(of: key), SecretRedaction.placeholder(for: key),
                          SecretRedaction.redacting(text, known: [key])] {
                let characters = Array(key)
                for start in 0...(characters.count - 5) where shown.contains(String(characters[start..<(start + 5)])) {
                    Issue.record("\(shown) shows five characters of \(key)")
                }
            }
        }
    }
}
