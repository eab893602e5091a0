import ResponsesTranslation
/// Resolves the daemon's settings from flags, environment and config file, in that precedence,
/// over defaults. Pure: the caller passes everything in, so tests and `--print-config` see exactly
/// what the daemon would.
public enum ConfigurationResolver {
    /// - Parameters:
    ///   - flags: flag name (with or without leading dashes) → value; boolean flags given bare
    ///     are passed as "true".
    ///   - environment: the process environment.
    ///   - file: the config file's path and contents, or nil when there is none.
    /// - Returns: the settings, or nil when any issue is an error; and every issue, warnings
    ///   included, in the order: file, environment, flags, then settings in declaration order.
    public static func resolve(
        flags: [String: String], environment: [String: String], file: (path: String, contents: String)?
    ) -> (settings: DaemonSettings?, issues: [ConfigurationIssue]) {
        var issues: [ConfigurationIssue] = []
        var fileValues: [String: FileValue] = [:]
        if let file {
            switch ConfigurationDocument.parse(file.contents, path: file.path) {
            case .document(let document):
                fileValues = document.values
                issues += UnknownNames.fileIssues(document, path: file.path)
            case .syntaxError(let syntaxError):
                issues.append(syntaxError)
            }
        }
        issues += UnknownNames.environmentIssues(environment)
        let namedFlags = Dictionary(flags.map { (String($0.key.drop { $0 == "-" }), $0.value) }) { _, last in last }
        issues += UnknownNames.flagIssues(namedFlags)

        var layers = SettingLayers(
            flags: namedFlags, environment: environment, fileValues: fileValues, filePath: file?.path)
        let settings = resolveSettings(&layers, directories: UserDirectories(environment: environment))
        issues += layers.issues

        let hasError = issues.contains { $0.severity == .error }
        return (hasError ? nil : settings, issues)
    }

    private static func resolveSettings(_ layers: inout SettingLayers, directories: UserDirectories) -> DaemonSettings {
        let listen = layers.value(of: .listen, ListenAddress.conversion)
            ?? ListenAddress(text: "127.0.0.1", isLoopback: true)
        let allowNonLoopback = layers.value(of: .allowNonLoopback, .boolean) ?? false
        if !listen.isLoopback, !allowNonLoopback {
            layers.report(.error, at: layers.sources[.listen] ?? .defaultValue, key: .listen, """
                value '\(listen.text)' is not a loopback address: a browser tab (through DNS rebinding) or \
                anyone on the network could then spend your MiMo quota through this proxy. If that is \
                intended, also set \(SettingKey.allowNonLoopback.waysToSet) to true
                """)
        }

        func milliseconds(_ key: SettingKey, _ range: ClosedRange<Int>, default value: Int) -> Duration {
            .milliseconds(layers.value(of: key, .integer(in: range)) ?? value)
        }
        func seconds(_ key: SettingKey, _ range: ClosedRange<Int>, default value: Int) -> Duration {
            .seconds(layers.value(of: key, .integer(in: range)) ?? value)
        }
        func path(_ key: SettingKey, default derived: String?) -> String {
            if let path = layers.value(of: key, PathSetting.conversion(directories)) { return path }
            guard let derived else {
                // A written but invalid value has been reported already; the default is moot.
                if layers.isWritten(key) { return "" }
                layers.report(.error, at: .defaultValue, key: key, """
                    HOME is not set, so the default location cannot be derived; set \(key.waysToSet) \
                    to an absolute path
                    """)
                return ""
            }
            return derived
        }

        let gibibyte = 1 << 30
        let stateDirectory = path(.stateDirectory, default: directories.stateHome?.appendingPathComponents("ccmimolink"))
        var settings = DaemonSettings(
            listen: listen.text,
            allowNonLoopback: allowNonLoopback,
            port: layers.value(of: .port, .integer(in: 0...65535, rangeText: "1…65535, or 0 for any free port")) ?? 9876,
            mode: layers.value(of: .mode, .choice(of: MimoPlan.self)) ?? .standard,
            baseURL: layers.value(of: .baseURL, BaseURL.conversion),
            model: resolveModel(&layers),
            visionModel: layers.value(of: .visionModel, ModelName.conversion) ?? ModelDefaults.images,
            apiKey: layers.value(of: .apiKey, apiKeyConversion),
            maxConcurrent: layers.value(of: .maxConcurrent, .integer(in: 1...64)) ?? 4,
            // A waiter costs a continuation and the body it already holds; 512 covers many busy sessions.
            maxWaiting: layers.value(of: .maxWaiting, .integer(in: 0...100_000)) ?? 512,
            minInterval: milliseconds(.minIntervalMilliseconds, 0...60_000, default: 0),
            backoffAfter429: milliseconds(.backoffAfter429Milliseconds, 0...600_000, default: 10_000),
            maxRetries: layers.value(of: .maxRetries, .integer(in: 0...10)) ?? 3,
            keepaliveInterval: seconds(.keepaliveSeconds, 1...120, default: 10),
            maxBodyBytes: layers.value(of: .maxBodyBytes, .integer(in: 1024...gibibyte)) ?? 64 << 20,
            upstreamConnectTimeout: seconds(.upstreamConnectTimeoutSeconds, 1...120, default: 10),
            upstreamIdleTimeout: seconds(.upstreamIdleTimeoutSeconds, 10...3600, default: 600),
            maxOutputTokens: layers.value(of: .maxOutputTokens, .integer(in: 1...1_048_576)),
            storeMaxResponses: layers.value(of: .storeMaxResponses, .integer(in: 0...1_000_000)) ?? 1000,
            // 0 keeps nothing, like store_max_responses = 0; 64 GiB is far past any sane store.
            storeMaxBytes: layers.value(of: .storeMaxBytes, .integer(in: 0...(64 * gibibyte))) ?? 256 << 20,
            stateDirectory: stateDirectory,
            recoverTextToolCalls: layers.value(of: .recoverTextToolCalls, .boolean) ?? true,
            idleExitAfter: idleExit(layers.value(of: .idleExitMinutes, .number(in: 0...1440, rangeText: "0…1440, 0 turning it off")) ?? 15),
            logLevel: layers.value(of: .logLevel, .choice(of: LogLevel.self)) ?? .info,
            skipCCSwitchSync: layers.value(of: .skipCCSwitchSync, .boolean) ?? false,
            ccSwitchSettingsPath: path(.ccSwitchSettingsPath,
                                       default: directories.home?.appendingPathComponents(".cc-switch/settings.json")),
            ccSwitchDatabasePath: path(.ccSwitchDatabasePath,
                                       default: directories.home?.appendingPathComponents(".cc-switch/cc-switch.db")),
            codexConfigPath: path(.codexConfigPath,
                                  default: directories.home?.appendingPathComponents(".codex/config.toml")),
            controlSocketPath: resolveControlSocket(&layers, directories: directories, stateDirectory: stateDirectory),
            usageCost: layers.value(of: .usageCost, UsageCostDisplay.conversion) ?? .auto,
            prices: layers.value(of: .prices, PriceSetting.conversion) ?? [],
            sources: [:]
        )
        settings.sources = layers.sources
        // Each configured price names where it was set, for the footnotes of `ccmimoctl usage`.
        if let source = layers.sources[.prices] {
            for index in settings.prices.indices { settings.prices[index].source = source.description }
        }
        return settings
    }

    /// Minutes as written (fractions allowed, which tests use), 0 meaning never.
    private static func idleExit(_ minutes: Double) -> Duration? {
        minutes > 0 ? .milliseconds(Int64((minutes * 60_000).rounded())) : nil
    }

    /// `--v2.5-pro` is `--model mimo-v2.5-pro` (kept for old unit files; the daemon sends such requests
    /// to the successor); given with a different `--model`, neither wins.
    private static func resolveModel(_ layers: inout SettingLayers) -> String {
        let model = layers.value(of: .model, ModelName.conversion) ?? ModelDefaults.text
        guard let proFlag = layers.flags[ShorthandFlag.proModel] else { return model }
        let source = SettingSource.flag(name: "--\(ShorthandFlag.proModel)")
        switch ValueConversion<Bool>.boolean.fromText(proFlag) {
        case .success(false):
            return model
        case .success(true):
            if case .flag = layers.sources[.model], model != ShorthandFlag.proModelName {
                layers.report(.error, at: source, key: .model,
                              "conflicts with --model \(model); pass only one of them")
                return model
            }
            layers.sources[.model] = source
            return ShorthandFlag.proModelName
        case .failure(let failure):
            if case .invalid(let problem) = failure {
                layers.report(.error, at: source, key: .model, "value '\(proFlag)' \(problem)")
            }
            return model
        }
    }

    /// Without XDG_RUNTIME_DIR (no systemd user session) the socket lives in the state directory,
    /// which is private to the user, rather than in a shared place like /tmp.
    private static func resolveControlSocket(
        _ layers: inout SettingLayers, directories: UserDirectories, stateDirectory: String
    ) -> String {
        if let path = layers.value(of: .controlSocket, PathSetting.socketConversion(directories)) { return path }
        let derived = directories.runtimeDirectory?.appendingPathComponents("ccmimolink/control.sock")
            ?? stateDirectory.appendingPathComponents("control.sock")
        if case .failure(.invalid(let problem)) = PathSetting.checkSocketLength(derived) {
            layers.report(.error, at: .defaultValue, key: .controlSocket, """
                the default '\(derived)' \(problem); set \(SettingKey.controlSocket.waysToSet) to a shorter path
                """)
        }
        return derived
    }

    /// A key with whitespace or control characters would be refused by MiMo with a confusing 401,
    /// or break the header; an empty one is treated as unset before this is reached.
    private static var apiKeyConversion: ValueConversion<Secret> {
        .text(expected: "an API key") { text in
            let isUnsafe: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f }
            if text.unicodeScalars.contains(where: isUnsafe) {
                return .failure(.invalid(problem:
                    "contains whitespace or control characters (a trailing newline from a file?); remove them"))
            }
            return .success(Secret(text))
        }
    }
}
