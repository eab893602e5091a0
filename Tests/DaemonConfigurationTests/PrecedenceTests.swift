import Testing
@testable import DaemonConfiguration

/// Three distinct valid values for one setting, as written in each layer, and what each becomes.
struct LayeredCase: Sendable, CustomTestStringConvertible {
    var key: SettingKey
    var file: String
    var fileResult: String
    var environment: String
    var environmentResult: String
    var flag: String
    var flagResult: String

    init(_ key: SettingKey, file: (String, String), environment: (String, String), flag: (String, String)) {
        self.key = key
        (self.file, fileResult) = file
        (self.environment, environmentResult) = environment
        (self.flag, flagResult) = flag
    }

    var testDescription: String { key.tomlKey }

    /// The setting in config.toml with a comment and odd spacing, as people write it.
    var toml: String {
        """
        # ccmimolink settings
          \(key.tomlKey)   =\t\(file)   # set by hand

        [unrelated]   # tables are ignored with a warning
        note = "x"
        """
    }
}

@Suite struct PrecedenceTests {
    static let cases: [LayeredCase] = [
        LayeredCase(.listen, file: ("\"::1\"", "::1"), environment: ("localhost", "localhost"),
                    flag: ("127.0.0.2", "127.0.0.2")),
        LayeredCase(.allowNonLoopback, file: ("true", "true"), environment: ("No", "false"), flag: ("on", "true")),
        LayeredCase(.port, file: ("1111", "1111"), environment: ("2222", "2222"), flag: ("0", "0")),
        LayeredCase(.mode, file: ("\"token-plan-cn\"", "token-plan-cn"),
                    environment: ("token-plan-sgp", "token-plan-sgp"), flag: ("Token-Plan-AMS", "token-plan-ams")),
        LayeredCase(.baseURL, file: ("'https://a.example/v1'", "https://a.example/v1"),
                    environment: ("http://b.example:8080", "http://b.example:8080"),
                    flag: ("https://c.example/v1/", "https://c.example/v1")),
        LayeredCase(.model, file: ("\"v2.5-pro\"", "mimo-v2.5-pro"), environment: ("MiMo-V2.5", "mimo-v2.5"),
                    flag: ("mimo-v2-flash", "mimo-v2-flash")),
        LayeredCase(.visionModel, file: ("\"v2.6-flash\"", "mimo-v2.6-flash"), environment: ("Flash", "flash"),
                    flag: ("mimo-v3-omni", "mimo-v3-omni")),
        LayeredCase(.maxConcurrent, file: ("8", "8"), environment: ("16", "16"), flag: ("64", "64")),
        LayeredCase(.maxWaiting, file: ("1_000", "1000"), environment: ("0", "0"), flag: ("100000", "100000")),
        LayeredCase(.minIntervalMilliseconds, file: ("100", "100"), environment: ("200", "200"),
                    flag: ("60000", "60000")),
        LayeredCase(.backoffAfter429Milliseconds, file: ("1_000", "1000"), environment: ("0", "0"),
                    flag: ("600000", "600000")),
        LayeredCase(.maxRetries, file: ("0", "0"), environment: ("5", "5"), flag: ("10", "10")),
        LayeredCase(.keepaliveSeconds, file: ("1", "1"), environment: (" 15 ", "15"), flag: ("120", "120")),
        LayeredCase(.maxBodyBytes, file: ("1024", "1024"), environment: ("2048", "2048"),
                    flag: ("1073741824", "1073741824")),
        LayeredCase(.upstreamConnectTimeoutSeconds, file: ("1", "1"), environment: ("2", "2"), flag: ("120", "120")),
        LayeredCase(.upstreamIdleTimeoutSeconds, file: ("10", "10"), environment: ("20", "20"),
                    flag: ("3600", "3600")),
        LayeredCase(.maxOutputTokens, file: ("1", "1"), environment: ("200", "200"), flag: ("1048576", "1048576")),
        LayeredCase(.storeMaxResponses, file: ("0", "0"), environment: ("5", "5"), flag: ("1000000", "1000000")),
        LayeredCase(.storeMaxBytes, file: ("0", "0"), environment: ("1", "1"), flag: ("2", "2")),
        LayeredCase(.stateDirectory, file: ("\"/srv/a\"", "/srv/a"), environment: ("/srv/b:/srv/c", "/srv/b"),
                    flag: ("~/d", "/home/ada/d")),
        LayeredCase(.recoverTextToolCalls, file: ("false", "false"), environment: ("1", "true"),
                    flag: ("OFF", "false")),
        LayeredCase(.idleExitMinutes, file: ("0.5", "0.5"), environment: (" 30 ", "30"), flag: ("0", "0 (never)")),
        LayeredCase(.logLevel, file: ("\"debug\"", "debug"), environment: ("TRACE", "trace"),
                    flag: ("critical", "critical")),
        LayeredCase(.skipCCSwitchSync, file: ("true", "true"), environment: ("0", "false"), flag: ("yes", "true")),
        LayeredCase(.ccSwitchSettingsPath, file: ("\"~/a.json\"", "/home/ada/a.json"),
                    environment: ("/b.json", "/b.json"), flag: ("/c.json", "/c.json")),
        LayeredCase(.ccSwitchDatabasePath, file: ("\"/a.db\"", "/a.db"), environment: ("~/b.db", "/home/ada/b.db"),
                    flag: ("/c.db", "/c.db")),
        LayeredCase(.codexConfigPath, file: ("\"/a.toml\"", "/a.toml"), environment: ("/b.toml", "/b.toml"),
                    flag: ("~/c.toml", "/home/ada/c.toml")),
        LayeredCase(.controlSocket, file: ("\"/run/a.sock\"", "/run/a.sock"),
                    environment: ("~/b.sock", "/home/ada/b.sock"), flag: ("/c.sock", "/c.sock")),
        LayeredCase(.usageCost, file: ("false", "off"), environment: ("ON", "on"), flag: ("auto", "auto")),
        LayeredCase(.prices, file: (#"{ "v3-pro" = { input = 1, cached_input = 0.01, output = 2 } }"#,
                                    #"{ "mimo-v3-pro" = { input = 1.0, cached_input = 0.01, output = 2.0 } }"#),
                    environment: (#"{"mimo-v2.6-pro"={input=0.5,cached_input=0.005,output=1.5}}"#,
                                  #"{ "mimo-v2.6-pro" = { input = 0.5, cached_input = 0.005, output = 1.5 } }"#),
                    flag: (#"{ "mimo-v2.6-flash" = { input = 0, cached_input = 0, output = 0 } }"#,
                           #"{ "mimo-v2.6-flash" = { input = 0.0, cached_input = 0.0, output = 0.0 } }"#)),
    ]

    @Test func everySettingButTheAPIKeyHasACase() {
        let covered = Set(Self.cases.map(\.key))
        #expect(covered == Set(SettingKey.allCases).subtracting([.apiKey]))
    }

    @Test(arguments: cases)
    func eachLayerOverridesTheOneBelow(_ setting: LayeredCase) throws {
        let key = setting.key
        let environment = [key.environmentVariable: setting.environment]
        let flags = [try #require(key.flagName): setting.flag]

        let defaults = Resolution()
        #expect(defaults.issues.isEmpty)
        #expect(defaults.settings?.source(of: key) == .defaultValue)

        let file = Resolution(toml: setting.toml)
        #expect(file.errors.isEmpty)
        #expect(file.value(of: key) == setting.fileResult)
        #expect(file.settings?.source(of: key.tomlKey) == .file(path: Resolution.filePath))

        let environmentOverFile = Resolution(environment: environment, toml: setting.toml)
        #expect(environmentOverFile.errors.isEmpty)
        #expect(environmentOverFile.value(of: key) == setting.environmentResult)
        #expect(environmentOverFile.settings?.source(of: key) == .environment(name: key.environmentVariable))

        let flagOverAll = Resolution(flags: flags, environment: environment, toml: setting.toml)
        #expect(flagOverAll.errors.isEmpty)
        #expect(flagOverAll.value(of: key) == setting.flagResult)
        #expect(flagOverAll.settings?.source(of: key) == .flag(name: "--\(key.flagName!)"))
    }

    @Test func defaultsWithoutAnyLayer() throws {
        let settings = try #require(Resolution().settings)
        #expect(settings.listen == "127.0.0.1")
        #expect(settings.allowNonLoopback == false)
        #expect(settings.port == 9876)
        #expect(settings.mode == .standard)
        #expect(settings.baseURL == nil)
        #expect(settings.model == "mimo-v2.6-pro")
        #expect(settings.visionModel == "mimo-v2.6-flash")
        #expect(settings.apiKey == nil)
        #expect(settings.maxConcurrent == 4)
        #expect(settings.minInterval == .zero)
        #expect(settings.backoffAfter429 == .seconds(10))
        #expect(settings.maxRetries == 3)
        #expect(settings.keepaliveInterval == .seconds(10))
        #expect(settings.maxBodyBytes == 67_108_864)
        #expect(settings.upstreamConnectTimeout == .seconds(10))
        #expect(settings.upstreamIdleTimeout == .seconds(600))
        #expect(settings.maxOutputTokens == nil)
        #expect(settings.storeMaxResponses == 1000)
        #expect(settings.storeMaxBytes == 268_435_456)
        #expect(settings.stateDirectory == "/home/ada/.local/state/ccmimolink")
        #expect(settings.recoverTextToolCalls == true)
        #expect(settings.logLevel == .info)
        #expect(settings.skipCCSwitchSync == false)
        #expect(settings.ccSwitchSettingsPath == "/home/ada/.cc-switch/settings.json")
        #expect(settings.ccSwitchDatabasePath == "/home/ada/.cc-switch/cc-switch.db")
        #expect(settings.codexConfigPath == "/home/ada/.codex/config.toml")
        #expect(settings.controlSocketPath == "/run/user/1000/ccmimolink/control.sock")
        #expect(settings.usageCost == .auto)
        #expect(settings.prices.isEmpty)
        for key in SettingKey.allCases {
            #expect(settings.source(of: key) == .defaultValue)
        }
    }

    @Test func flagNamesMayCarryTheirDashes() {
        let resolution = Resolution(flags: ["--port": "1234", "max-retries": "1"])
        #expect(resolution.settings?.port == 1234)
        #expect(resolution.settings?.maxRetries == 1)
        #expect(resolution.settings?.source(of: .port) == .flag(name: "--port"))
    }

    @Test func emptyEnvironmentVariableCountsAsUnset() {
        let resolution = Resolution(environment: ["MIMO_MODEL": "", "MIMO_PROXY_PORT": "  "],
                                    toml: "model = \"v2.5-pro\"")
        #expect(resolution.issues.isEmpty)
        #expect(resolution.settings?.model == "mimo-v2.5-pro")
        #expect(resolution.settings?.source(of: .model) == .file(path: Resolution.filePath))
        #expect(resolution.settings?.source(of: .port) == .defaultValue)
    }

    @Test func aBrokenLowerLayerIsReportedEvenWhenOverridden() {
        let resolution = Resolution(flags: ["port": "1234"], environment: ["MIMO_PROXY_PORT": "1235"],
                                    toml: "port = 99999")
        #expect(resolution.settings == nil)
        #expect(resolution.errors == ["\(Resolution.filePath): key 'port': value '99999' is out of range 1…65535, or 0 for any free port"])
    }

    @Test func apiKeyComesFromTheEnvironment() {
        let resolution = Resolution(environment: ["MIMO_API_KEY": "sk-abcdefghijklmnop"])
        #expect(resolution.settings?.apiKey?.revealed == "sk-abcdefghijklmnop")
        #expect(resolution.settings?.source(of: .apiKey) == .environment(name: "MIMO_API_KEY"))
    }

    @Test func sourceOfAnUnknownNameIsTheDefault() {
        #expect(Resolution().settings?.source(of: "no_such_setting") == .defaultValue)
    }
}
