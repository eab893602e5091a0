import Testing
@testable import DaemonConfiguration

/// The API key must not reach any text the daemon prints: report, issues, or the settings value
/// itself when interpolated or dumped.
@Suite struct SecretRedactionTests {
    static let key = "tp-Zq8wK3mN5pR7tV9xY2bD4fH6jL"

    @Test func reportShowsOnlyARedactedKey() throws {
        let resolution = Resolution(environment: ["MIMO_API_KEY": Self.key])
        let settings = try #require(resolution.settings)
        let report = ConfigurationReport.render(settings)
        #expect(!report.contains(Self.key))
        #expect(!report.contains(String(Self.key.prefix(4))))
        let line = report.split(separator: "\n").first { $0.hasPrefix("api_key ") }
        #expect(line.map { $0.contains("tp-…(len 29)") && $0.hasSuffix("environment MIMO_API_KEY") } == true)
    }

    @Test func settingsNeverPrintTheKey() throws {
        let settings = try #require(Resolution(environment: ["MIMO_API_KEY": Self.key]).settings)
        var dumped = ""
        dump(settings, to: &dumped)
        for text in ["\(settings)", String(describing: settings), String(reflecting: settings), dumped] {
            #expect(!text.contains(Self.key))
        }
        #expect(settings.apiKey?.revealed == Self.key)
    }

    @Test func noIssueTextContainsTheKey() {
        // Every way the key can be misplaced or malformed, in one resolution.
        let resolution = Resolution(
            flags: ["api-key": Self.key, "model": Self.key + " x"],
            environment: ["MIMO_API_KEY": Self.key + " ", "MIMO_API_KEYS": Self.key],
            toml: "api_key = \"\(Self.key)\"\nmimo_api_key = \"\(Self.key)\"\n")
        #expect(resolution.settings == nil)
        let everything = resolution.issues.map(\.description).joined(separator: "\n")
            + resolution.issues.map(\.reason).joined(separator: "\n")
        #expect(!everything.isEmpty)
        // The model flag echoes its value (it is not a secret); everything else must not.
        let withoutModel = resolution.issues.filter { $0.key != "--model" }.map(\.description).joined(separator: "\n")
        #expect(!withoutModel.contains(Self.key))
        #expect(withoutModel.contains("key 'mimo_api_key': the MiMo API key is not read from config files"))
        #expect(withoutModel.contains("environment variable MIMO_API_KEY: value 'tp-…(len 30)'"))
    }

    @Test func theSecretShowsOnlyWhatTheSharedPolicyAllows() {
        #expect(Secret(Self.key).redacted == "tp-…(len 29)")
        #expect(Secret("abcdefgh").redacted == "…(len 8)")
    }
}
