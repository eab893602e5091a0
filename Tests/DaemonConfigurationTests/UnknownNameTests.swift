import Testing
@testable import DaemonConfiguration

@Suite struct UnknownNameTests {
    static let file = Resolution.filePath

    @Test func unknownFileKeysAreWarningsWithSuggestions() {
        let resolution = Resolution(toml: """
            # written from memory
            max_concurent = 8          # typo
            "prot"=9000
            MIMO_MODEL = "v2.5-pro"    # the environment name
            keepalive-seconds = 5
            colour = "blue"
            mode = "standard"
            """)
        #expect(resolution.errors.isEmpty)
        #expect(resolution.warnings == [
            "\(Self.file): key 'MIMO_MODEL': unknown setting (did you mean 'model'?)",
            "\(Self.file): key 'colour': unknown setting",
            "\(Self.file): key 'keepalive-seconds': unknown setting (did you mean 'keepalive_seconds'?)",
            "\(Self.file): key 'max_concurent': unknown setting (did you mean 'max_concurrent'?)",
            "\(Self.file): key 'prot': unknown setting (did you mean 'port'?)",
        ])
        // Known keys beside the unknown ones still apply.
        #expect(resolution.settings?.mode == .standard)
        #expect(resolution.settings?.source(of: .mode) == .file(path: Self.file))
        #expect(resolution.settings?.maxConcurrent == 4)
    }

    @Test func unknownSectionsAreWarningsThatPointAtMisplacedSettings() {
        let resolution = Resolution(toml: """
            port = 9000
            server = { listen = "127.0.0.1", colour = "red" }
            plugins = {}

            [mimo]
            model = "v2.5-pro"
            mode  = "token-plan-cn"
            """)
        #expect(resolution.errors.isEmpty)
        #expect(resolution.warnings == [
            "\(Self.file): key 'mimo': unknown section; settings are top-level keys, and [prices] is the one section ('mode', 'model' belong at the top level, not inside 'mimo')",
            "\(Self.file): key 'plugins': unknown section; settings are top-level keys, and [prices] is the one section",
            "\(Self.file): key 'server': unknown section; settings are top-level keys, and [prices] is the one section ('listen' belongs at the top level, not inside 'server')",
        ])
        #expect(resolution.settings?.port == 9000)
        #expect(resolution.settings?.model == "mimo-v2.6-pro")
    }

    @Test func aKnownKeyHoldingATableIsATypeError() {
        let resolution = Resolution(toml: "port = { value = 9000 }")
        #expect(resolution.errors == ["\(Self.file): key 'port': expected an integer in 1…65535, or 0 for any free port, found a table"])
    }

    @Test func syntaxErrorIsOneErrorWithLineAndColumn() throws {
        let resolution = Resolution(toml: """
            # ccmimolink
            port = 9000
            model = "v2.5-pro
            mode = "standard"
            """)
        #expect(resolution.settings == nil)
        #expect(resolution.issues.count == 1)
        let issue = try #require(resolution.issues.first)
        #expect(issue.severity == .error)
        #expect(issue.file == Self.file)
        #expect(issue.position?.line == 3)
        #expect(issue.position?.column == 18)
        #expect(issue.description.hasPrefix("\(Self.file):3:18: TOML syntax error: "))
    }

    @Test func syntaxErrorStillReportsEnvironmentAndFlagProblems() {
        let resolution = Resolution(flags: ["port": "x"], toml: "port = = 1")
        #expect(resolution.settings == nil)
        #expect(resolution.errors.count == 2)
        #expect(resolution.errors.last == "flag --port: value 'x' is not an integer (expected 1…65535, or 0 for any free port)")
    }

    @Test func apiKeyInTheFileIsAnErrorThatSaysWhereItBelongs() {
        let key = "sk-filekey0123456789"
        let resolution = Resolution(toml: "api_key = \"\(key)\"\nport = 9000\n")
        #expect(resolution.settings == nil)
        #expect(resolution.errors == ["""
            \(Self.file): key 'api_key': the MiMo API key is not read from config files, because config \
            files end up in dotfile repositories; remove it from the file and provide it through systemd \
            credentials (LoadCredential=mimo-api-key:/path/to/key), cc-switch sync, or MIMO_API_KEY
            """])
        #expect(!resolution.issues.map(\.description).joined().contains(key))
    }

    @Test func unknownMimoEnvironmentVariablesAreWarnings() {
        let resolution = Resolution(environment: [
            "MIMO_PROXY_PROT": "9000",
            "MIMO_PROXY_MAX_CONCURENT": "2",
            "MIMO_SOMETHING_ELSE": "1",
            "EDITOR": "vi",
            "CODEX_HOME": "/x",
        ])
        #expect(resolution.errors.isEmpty)
        #expect(resolution.warnings == [
            "environment variable MIMO_PROXY_MAX_CONCURENT: unknown setting, ignored (did you mean MIMO_PROXY_MAX_CONCURRENT?)",
            "environment variable MIMO_PROXY_PROT: unknown setting, ignored (did you mean MIMO_PROXY_PORT?)",
            "environment variable MIMO_SOMETHING_ELSE: unknown setting, ignored",
        ])
        #expect(resolution.settings?.port == 9876)
    }

    @Test func unknownFlagsAreErrors() {
        let resolution = Resolution(flags: ["max-concurent": "2", "verbose": "true"])
        #expect(resolution.settings == nil)
        #expect(resolution.errors == [
            "flag --max-concurent: unknown flag (did you mean --max-concurrent?)",
            "flag --verbose: unknown flag",
        ])
    }

    @Test func apiKeyFlagIsRefusedWithoutShowingIt() {
        let key = "sk-flagkey0123456789"
        let resolution = Resolution(flags: ["api-key": key])
        #expect(resolution.settings == nil)
        #expect(resolution.errors == ["""
            flag --api-key: the MiMo API key is not accepted on the command line, where every local user can \
            read it; use MIMO_API_KEY or systemd credentials (LoadCredential=mimo-api-key:/path/to/key)
            """])
    }

    @Test(arguments: [("max_concurent", "max_concurrent"), ("prot", "port"), ("lisen", "listen"),
                      ("LOG_LEVEL", "log_level"), ("state-directory", "state_directory")])
    func suggestionsFindNearMisses(_ typo: String, _ intended: String) {
        #expect(SpellingSuggestion.closest(to: typo, among: SettingKey.allCases.map(\.tomlKey)) == intended)
    }

    @Test(arguments: ["zzz", "colour", "timeout"])
    func suggestionsStaySilentForUnrelatedWords(_ word: String) {
        #expect(SpellingSuggestion.closest(to: word, among: SettingKey.allCases.map(\.tomlKey)) == nil)
    }
}
