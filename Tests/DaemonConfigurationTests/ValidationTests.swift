import Testing
@testable import DaemonConfiguration

/// A value that must be refused, in the layer it is written in, and the exact message.
struct RefusedValue: Sendable, CustomTestStringConvertible {
    enum Layer: Sendable { case file, environment, flag }
    var key: SettingKey
    var layer: Layer
    var written: String
    var message: String

    init(_ key: SettingKey, _ layer: Layer, _ written: String, _ message: String) {
        (self.key, self.layer, self.written, self.message) = (key, layer, written, message)
    }

    var testDescription: String { "\(key.tomlKey) in \(layer): \(written)" }

    func resolve() -> Resolution {
        switch layer {
        case .file: Resolution(toml: "\(key.tomlKey) = \(written)\n")
        case .environment: Resolution(environment: [key.environmentVariable: written])
        case .flag: Resolution(flags: [key.flagName!: written])
        }
    }
}

@Suite struct ValidationTests {
    static let file = Resolution.filePath
    static let refused: [RefusedValue] = [
        RefusedValue(.listen, .file, "\"example.com\"", "\(file): key 'listen': value 'example.com' is not an IP address or localhost (hostnames are not resolved, so the bind address is exactly what is written)"),
        RefusedValue(.listen, .environment, "127.0.0.1:9876", "environment variable MIMO_PROXY_LISTEN: value '127.0.0.1:9876' includes a port; set the port separately with port (MIMO_PROXY_PORT or --port)"),
        RefusedValue(.listen, .flag, "[::1]:80", "flag --listen: value '[::1]:80' includes a port; set the port separately with port (MIMO_PROXY_PORT or --port)"),
        RefusedValue(.listen, .flag, "127.1", "flag --listen: value '127.1' is not an IP address or localhost (hostnames are not resolved, so the bind address is exactly what is written)"),
        RefusedValue(.listen, .file, "127", "\(file): key 'listen': expected an IP address or localhost, found an integer 127"),
        RefusedValue(.allowNonLoopback, .environment, "maybe", "environment variable MIMO_PROXY_ALLOW_NON_LOOPBACK: value 'maybe' is not a boolean; use true/false, 1/0, yes/no or on/off"),
        RefusedValue(.allowNonLoopback, .file, "\"yes\"", "\(file): key 'allow_non_loopback': expected a boolean (true or false), found a string \"yes\"; write it without quotes"),
        RefusedValue(.allowNonLoopback, .file, "1", "\(file): key 'allow_non_loopback': expected a boolean (true or false), found an integer 1"),
        RefusedValue(.port, .file, "65536", "\(file): key 'port': value '65536' is out of range 1…65535, or 0 for any free port"),
        RefusedValue(.port, .file, "-1", "\(file): key 'port': value '-1' is out of range 1…65535, or 0 for any free port"),
        RefusedValue(.port, .file, "\"9877\"", "\(file): key 'port': expected an integer in 1…65535, or 0 for any free port, found a string \"9877\"; write it without quotes"),
        RefusedValue(.port, .file, "98.5", "\(file): key 'port': expected an integer in 1…65535, or 0 for any free port, found a floating-point number 98.5"),
        RefusedValue(.port, .environment, "http", "environment variable MIMO_PROXY_PORT: value 'http' is not an integer (expected 1…65535, or 0 for any free port)"),
        RefusedValue(.mode, .file, "\"token-plan-sg\"", "\(file): key 'mode': value 'token-plan-sg' is not one of standard, token-plan-cn, token-plan-sgp, token-plan-ams (did you mean 'token-plan-sgp'?)"),
        RefusedValue(.mode, .environment, "premium", "environment variable MIMO_MODE: value 'premium' is not one of standard, token-plan-cn, token-plan-sgp, token-plan-ams"),
        RefusedValue(.baseURL, .file, "\"ftp://mimo.example\"", "\(file): key 'base_url': value 'ftp://mimo.example' is not an http:// or https:// URL"),
        RefusedValue(.baseURL, .environment, "api.xiaomimimo.com/v1", "environment variable MIMO_BASE_URL: value 'api.xiaomimimo.com/v1' is not an http:// or https:// URL"),
        RefusedValue(.baseURL, .flag, "https:///v1", "flag --base-url: value 'https:///v1' has no valid host[:port] after https://"),
        RefusedValue(.baseURL, .flag, "https://mimo.example:99999", "flag --base-url: value 'https://mimo.example:99999' has no valid host[:port] after https://"),
        RefusedValue(.baseURL, .flag, "https://mimo.example/v1?x=1", "flag --base-url: value 'https://mimo.example/v1?x=1' has a query or fragment; the daemon appends /chat/completions to the base URL"),
        RefusedValue(.baseURL, .flag, "https://mimo .example", "flag --base-url: value 'https://mimo .example' contains whitespace"),
        RefusedValue(.model, .file, "\"  \"", "\(file): key 'model': value '  ' is empty; name a MiMo model such as mimo-v2.6-pro, v2.6-pro or pro"),
        RefusedValue(.model, .flag, "", "flag --model: value '' is empty; name a MiMo model such as mimo-v2.6-pro, v2.6-pro or pro"),
        RefusedValue(.model, .environment, "mimo v2", "environment variable MIMO_MODEL: value 'mimo v2' contains whitespace; a model name is a single word such as mimo-v2.6-pro"),
        RefusedValue(.maxConcurrent, .file, "0", "\(file): key 'max_concurrent': value '0' is out of range 1…64"),
        RefusedValue(.maxConcurrent, .environment, "65", "environment variable MIMO_PROXY_MAX_CONCURRENT: value '65' is out of range 1…64"),
        RefusedValue(.maxWaiting, .flag, "100001", "flag --max-waiting: value '100001' is out of range 0…100000"),
        RefusedValue(.minIntervalMilliseconds, .file, "60001", "\(file): key 'min_interval_ms': value '60001' is out of range 0…60000"),
        RefusedValue(.backoffAfter429Milliseconds, .environment, "600001", "environment variable MIMO_PROXY_429_BACKOFF_MS: value '600001' is out of range 0…600000"),
        RefusedValue(.maxRetries, .flag, "11", "flag --max-retries: value '11' is out of range 0…10"),
        RefusedValue(.keepaliveSeconds, .file, "0", "\(file): key 'keepalive_seconds': value '0' is out of range 1…120"),
        RefusedValue(.maxBodyBytes, .file, "1023", "\(file): key 'max_body_bytes': value '1023' is out of range 1024…1073741824"),
        RefusedValue(.maxBodyBytes, .environment, "1073741825", "environment variable MIMO_PROXY_MAX_BODY_BYTES: value '1073741825' is out of range 1024…1073741824"),
        RefusedValue(.upstreamConnectTimeoutSeconds, .file, "121", "\(file): key 'upstream_connect_timeout_seconds': value '121' is out of range 1…120"),
        RefusedValue(.upstreamIdleTimeoutSeconds, .environment, "9", "environment variable MIMO_PROXY_UPSTREAM_IDLE_SECONDS: value '9' is out of range 10…3600"),
        RefusedValue(.maxOutputTokens, .environment, "0", "environment variable MIMO_MAX_OUTPUT_TOKENS: value '0' is out of range 1…1048576"),
        RefusedValue(.storeMaxResponses, .file, "1000001", "\(file): key 'store_max_responses': value '1000001' is out of range 0…1000000"),
        RefusedValue(.storeMaxBytes, .file, "-1", "\(file): key 'store_max_bytes': value '-1' is out of range 0…68719476736"),
        RefusedValue(.stateDirectory, .file, "\"state\"", "\(file): key 'state_directory': value 'state' is not an absolute path; write it from / or from ~/"),
        RefusedValue(.recoverTextToolCalls, .flag, "sometimes", "flag --recover-text-tool-calls: value 'sometimes' is not a boolean; use true/false, 1/0, yes/no or on/off"),
        RefusedValue(.logLevel, .environment, "warn", "environment variable MIMO_PROXY_LOG_LEVEL: value 'warn' is not one of trace, debug, info, notice, warning, error, critical"),
        RefusedValue(.logLevel, .file, "\"infoo\"", "\(file): key 'log_level': value 'infoo' is not one of trace, debug, info, notice, warning, error, critical (did you mean 'info'?)"),
        RefusedValue(.skipCCSwitchSync, .environment, "nope", "environment variable MIMO_PROXY_SKIP_CC_SWITCH_SYNC: value 'nope' is not a boolean; use true/false, 1/0, yes/no or on/off"),
        RefusedValue(.ccSwitchSettingsPath, .environment, "settings.json", "environment variable CC_SWITCH_SETTINGS_PATH: value 'settings.json' is not an absolute path; write it from / or from ~/"),
        RefusedValue(.ccSwitchDatabasePath, .flag, "", "flag --cc-switch-db-path: value '' is empty; write an absolute path"),
        RefusedValue(.codexConfigPath, .file, "[\"/a\"]", "\(file): key 'codex_config_path': expected an absolute path, found an array"),
        RefusedValue(.controlSocket, .flag, "/" + String(repeating: "s", count: 107), "flag --control-socket: value '/\(String(repeating: "s", count: 107))' is 108 bytes long; Unix socket paths are limited to 107"),
    ]

    @Test(arguments: refused)
    func refusedValueIsAnErrorThatSaysWhereAndWhy(_ value: RefusedValue) {
        let resolution = value.resolve()
        #expect(resolution.settings == nil)
        #expect(resolution.errors == [value.message])
    }

    @Test func nonLoopbackListenNeedsExplicitPermission() throws {
        let refused = Resolution(toml: "listen = \"0.0.0.0\"")
        #expect(refused.settings == nil)
        #expect(refused.errors == ["""
            \(Resolution.filePath): key 'listen': value '0.0.0.0' is not a loopback address: a browser tab \
            (through DNS rebinding) or anyone on the network could then spend your MiMo quota through this \
            proxy. If that is intended, also set allow_non_loopback (MIMO_PROXY_ALLOW_NON_LOOPBACK or \
            --allow-non-loopback) to true
            """])

        let allowed = Resolution(flags: ["allow-non-loopback": "true"], toml: "listen = \"0.0.0.0\"")
        #expect(allowed.issues.isEmpty)
        #expect(allowed.settings?.listen == "0.0.0.0")
        #expect(allowed.settings?.allowNonLoopback == true)
    }

    @Test(arguments: ["192.168.1.10", "::", "[fe80::1]", "10.0.0.1", "::ffff:10.0.0.1"])
    func nonLoopbackAddressesAreRecognised(_ address: String) {
        let resolution = Resolution(environment: ["MIMO_PROXY_LISTEN": address])
        #expect(resolution.errors.count == 1)
        #expect(resolution.errors.first?.hasPrefix("environment variable MIMO_PROXY_LISTEN: value") == true)
        #expect(resolution.errors.first?.contains("is not a loopback address") == true)
    }

    @Test(arguments: [("127.0.0.1", "127.0.0.1"), ("127.8.9.10", "127.8.9.10"), ("::1", "::1"),
                      ("[::1]", "::1"), ("LocalHost", "localhost"), ("::ffff:127.0.0.1", "::ffff:127.0.0.1")])
    func loopbackAddressesNeedNoPermission(_ written: String, _ bound: String) {
        let resolution = Resolution(flags: ["listen": written])
        #expect(resolution.issues.isEmpty)
        #expect(resolution.settings?.listen == bound)
    }

    @Test func everyErrorIsReportedNotOnlyTheFirst() {
        let resolution = Resolution(environment: ["MIMO_PROXY_PORT": "x", "MIMO_MODE": "y"],
                                    toml: "max_retries = 99\nlog_level = 3")
        #expect(resolution.settings == nil)
        #expect(resolution.errors.count == 4)
    }

    /// Names are normalised, not resolved: a retired id stays as written (the daemon resolves it
    /// against what the upstream serves, and logs the successor), and family aliases stay aliases.
    @Test func modelShortNamesAreExpanded() {
        #expect(Resolution(flags: ["model": "V2.5-Pro"]).settings?.model == "mimo-v2.5-pro")
        #expect(Resolution(flags: ["model": "mimo-v2.6-flash"]).settings?.model == "mimo-v2.6-flash")
        #expect(Resolution(flags: ["model": "Pro"]).settings?.model == "pro")
        #expect(Resolution(environment: ["MIMO_VISION_MODEL": "v2.6-flash"]).settings?.visionModel == "mimo-v2.6-flash")
        #expect(Resolution(flags: ["model": "mimo/v2"]).errors
            == ["flag --model: value 'mimo/v2' is not a MiMo model name; use letters, digits, dots and dashes, such as mimo-v2.6-pro"])
    }

    @Test func apiKeyWithANewlineIsRefusedWithoutShowingIt() {
        let key = "sk-0123456789abcdefghij"
        let resolution = Resolution(environment: ["MIMO_API_KEY": key + "\n"])
        #expect(resolution.settings == nil)
        #expect(resolution.errors == ["""
            environment variable MIMO_API_KEY: value 'sk-…(len 24)' contains whitespace or control \
            characters (a trailing newline from a file?); remove them
            """])
    }
}
