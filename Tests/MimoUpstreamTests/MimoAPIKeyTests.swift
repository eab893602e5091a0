import Testing
@testable import MimoUpstream

@Suite struct MimoAPIKeyTests {
    static let secret = "tp-" + String(repeating: "A1b2C3d4", count: 6) + "zz"  // 53 characters

    @Test func everyTextualFormHidesTheKey() {
        let key = MimoAPIKey(value: Self.secret, source: .environment)
        #expect(key.redacted == "tp-…(len 53)")
        var dumped = ""
        dump(key, to: &dumped)
        let forms = [key.description, key.debugDescription, "\(key)", String(describing: key), String(reflecting: key), dumped,
                     "\([key])", "\(Optional(key) as Any)"]
        for form in forms {
            #expect(!form.contains(Self.secret))
            // No prefix of the key longer than 4 characters may appear.
            #expect(!form.contains(String(Self.secret.prefix(5))), "\(form)")
        }
    }

    @Test func shortKeysShowNoCharacters() {
        let key = MimoAPIKey(value: "sk-abcd", source: .environment)
        #expect(key.redacted == "…(len 7)")
        #expect(!key.description.contains("sk-"))
    }

    @Test func prefixesNameThePlan() {
        #expect(MimoAPIKey(value: "tp-xyz", source: .environment).isTokenPlanKey)
        #expect(MimoAPIKey(value: "ttp-xyz", source: .environment).isTokenPlanKey)
        #expect(MimoAPIKey(value: "TP-xyz", source: .environment).isTokenPlanKey)
        #expect(!MimoAPIKey(value: "sk-xyz", source: .environment).isTokenPlanKey)
        #expect(MimoAPIKey(value: "sk-xyz", source: .environment).isPayAsYouGoKey)
    }
}
