import ResponsesTranslation

/// The daemon's effective settings, every one validated, each with the layer it came from.
public struct DaemonSettings: Sendable, Equatable {
    /// IP literal (IPv6 without brackets) or `localhost`.
    public var listen: String
    public var allowNonLoopback: Bool
    /// 0 asks the system for any free port (tests).
    public var port: Int
    public var mode: MimoPlan
    /// nil: the daemon uses the endpoint `mode` implies. No trailing slash.
    public var baseURL: String?
    /// As the user named it, lowercased: a full `mimo-…` id or a family alias (`pro`, `flash`). The
    /// daemon resolves it against what the upstream serves (a retired id goes to its successor).
    public var model: String
    /// Where requests with images go when the text model does not take them; named like `model`.
    public var visionModel: String
    /// From MIMO_API_KEY only; the daemon may also find one in systemd credentials or requests.
    public var apiKey: Secret?
    public var maxConcurrent: Int
    /// Requests that may wait for a MiMo slot; more are answered 503 with Retry-After at once.
    public var maxWaiting: Int
    public var minInterval: Duration
    /// How long every request waits after MiMo answers 429 without a Retry-After.
    public var backoffAfter429: Duration
    public var maxRetries: Int
    /// How often a keepalive event goes out while MiMo is silent.
    public var keepaliveInterval: Duration
    public var maxBodyBytes: Int
    public var upstreamConnectTimeout: Duration
    /// How long MiMo may stay silent mid-stream before the request fails.
    public var upstreamIdleTimeout: Duration
    /// nil: the request's own limit, else MiMo's default.
    public var maxOutputTokens: Int?
    /// 0 keeps no responses.
    public var storeMaxResponses: Int
    public var storeMaxBytes: Int
    public var stateDirectory: String
    public var recoverTextToolCalls: Bool
    /// When started by its sockets, exit after this long with nothing to do; nil never (0 in the
    /// settings). Without socket activation the daemon never exits on its own.
    public var idleExitAfter: Duration?
    public var logLevel: LogLevel
    public var skipCCSwitchSync: Bool
    public var ccSwitchSettingsPath: String
    public var ccSwitchDatabasePath: String
    public var codexConfigPath: String
    public var controlSocketPath: String
    /// Whether usage reports estimate costs.
    public var usageCost: UsageCostDisplay
    /// The user's price entries (`[prices]`); empty: Xiaomi's published prices alone.
    public var prices: [TokenPrice]

    /// Sources of settings that did not come from their default.
    var sources: [SettingKey: SettingSource]

    /// Takes the recorded sources of `keys` from `other`, after their values were taken from it (a reload
    /// that applies some settings live).
    public mutating func adoptSources(from other: DaemonSettings, for keys: Set<SettingKey>) {
        for key in keys { sources[key] = other.sources[key] }
    }

    /// Where the effective value of `key` came from.
    public func source(of key: SettingKey) -> SettingSource {
        sources[key] ?? .defaultValue
    }

    /// Where the effective value of the setting with TOML key `key` came from; `.defaultValue`
    /// also for a name that is not a setting.
    public func source(of key: String) -> SettingSource {
        SettingKey(rawValue: key).map { source(of: $0) } ?? .defaultValue
    }
}
