/// `ccmimolinkd --print-config`: one line per setting with its effective value and where that
/// came from, aligned in columns. The API key appears only redacted.
public enum ConfigurationReport {
    public static func render(_ settings: DaemonSettings) -> String {
        let rows = SettingKey.allCases.map { key in
            (key.tomlKey, displayValue(of: key, in: settings), settings.source(of: key).description)
        }
        let keyWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { key, value, source in
            key.padded(to: keyWidth) + "  " + value.padded(to: valueWidth) + "  " + source
        }.joined(separator: "\n") + "\n"
    }

    /// Values in the unit their key names (`min_interval_ms` in milliseconds), so a line can be
    /// copied into config.toml as is.
    public static func displayValue(of key: SettingKey, in settings: DaemonSettings) -> String {
        switch key {
        case .listen: settings.listen
        case .allowNonLoopback: String(settings.allowNonLoopback)
        case .port: String(settings.port)
        case .mode: settings.mode.rawValue
        case .baseURL: settings.baseURL ?? "(derived from mode)"
        case .model: settings.model
        case .visionModel: settings.visionModel
        case .apiKey: settings.apiKey?.redacted ?? "(not set)"
        case .maxConcurrent: String(settings.maxConcurrent)
        case .maxWaiting: String(settings.maxWaiting)
        case .minIntervalMilliseconds: String(settings.minInterval.wholeMilliseconds)
        case .backoffAfter429Milliseconds: String(settings.backoffAfter429.wholeMilliseconds)
        case .maxRetries: String(settings.maxRetries)
        case .keepaliveSeconds: String(settings.keepaliveInterval.components.seconds)
        case .maxBodyBytes: String(settings.maxBodyBytes)
        case .upstreamConnectTimeoutSeconds: String(settings.upstreamConnectTimeout.components.seconds)
        case .upstreamIdleTimeoutSeconds: String(settings.upstreamIdleTimeout.components.seconds)
        case .idleExitMinutes: settings.idleExitAfter.map { Self.minutes($0) } ?? "0 (never)"
        case .maxOutputTokens: settings.maxOutputTokens.map(String.init) ?? "(not set)"
        case .storeMaxResponses: String(settings.storeMaxResponses)
        case .storeMaxBytes: String(settings.storeMaxBytes)
        case .stateDirectory: settings.stateDirectory
        case .recoverTextToolCalls: String(settings.recoverTextToolCalls)
        case .logLevel: settings.logLevel.rawValue
        case .skipCCSwitchSync: String(settings.skipCCSwitchSync)
        case .ccSwitchSettingsPath: settings.ccSwitchSettingsPath
        case .ccSwitchDatabasePath: settings.ccSwitchDatabasePath
        case .codexConfigPath: settings.codexConfigPath
        case .controlSocket: settings.controlSocketPath
        case .usageCost: settings.usageCost.rawValue
        case .prices: PriceSetting.text(settings.prices)
        }
    }

    /// `15` for whole minutes, else the minutes with as many decimals as milliseconds need.
    static func minutes(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        if milliseconds % 60_000 == 0 { return String(milliseconds / 60_000) }
        var text = String(Double(milliseconds) / 60_000)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension String {
    fileprivate func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
