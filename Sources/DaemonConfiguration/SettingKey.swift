/// Every setting the daemon reads, named by its TOML key. The same setting is reachable from the
/// environment and from a flag; the names here are the single table the resolver, the unknown-name
/// suggestions and `--print-config` all read, so they cannot drift apart.
public enum SettingKey: String, Sendable, CaseIterable {
    case listen
    case allowNonLoopback = "allow_non_loopback"
    case port
    case mode
    case baseURL = "base_url"
    case model
    case visionModel = "vision_model"
    case apiKey = "api_key"
    case maxConcurrent = "max_concurrent"
    case maxWaiting = "max_waiting"
    case minIntervalMilliseconds = "min_interval_ms"
    case backoffAfter429Milliseconds = "backoff_429_ms"
    case maxRetries = "max_retries"
    case keepaliveSeconds = "keepalive_seconds"
    case maxBodyBytes = "max_body_bytes"
    case upstreamConnectTimeoutSeconds = "upstream_connect_timeout_seconds"
    case upstreamIdleTimeoutSeconds = "upstream_idle_timeout_seconds"
    case maxOutputTokens = "max_output_tokens"
    case storeMaxResponses = "store_max_responses"
    case storeMaxBytes = "store_max_bytes"
    case stateDirectory = "state_directory"
    case recoverTextToolCalls = "recover_text_tool_calls"
    case idleExitMinutes = "idle_exit_minutes"
    case logLevel = "log_level"
    case skipCCSwitchSync = "skip_cc_switch_sync"
    case ccSwitchSettingsPath = "cc_switch_settings_path"
    case ccSwitchDatabasePath = "cc_switch_db_path"
    case codexConfigPath = "codex_config_path"
    case controlSocket = "control_socket"
    case usageCost = "usage_cost"
    /// The one setting that is a table: `[prices."<model id>"]` sections in config.toml.
    case prices

    /// The key as written in config.toml.
    public var tomlKey: String { rawValue }

    /// The environment variable that sets this, keeping CCMimoLink's names where they existed.
    public var environmentVariable: String {
        switch self {
        case .listen: "MIMO_PROXY_LISTEN"
        case .allowNonLoopback: "MIMO_PROXY_ALLOW_NON_LOOPBACK"
        case .port: "MIMO_PROXY_PORT"
        case .mode: "MIMO_MODE"
        case .baseURL: "MIMO_BASE_URL"
        case .model: "MIMO_MODEL"
        case .visionModel: "MIMO_VISION_MODEL"
        case .apiKey: "MIMO_API_KEY"
        case .maxConcurrent: "MIMO_PROXY_MAX_CONCURRENT"
        case .maxWaiting: "MIMO_PROXY_MAX_WAITING"
        case .minIntervalMilliseconds: "MIMO_PROXY_MIN_INTERVAL_MS"
        case .backoffAfter429Milliseconds: "MIMO_PROXY_429_BACKOFF_MS"
        case .maxRetries: "MIMO_PROXY_MAX_RETRIES"
        case .keepaliveSeconds: "MIMO_PROXY_KEEPALIVE_SECONDS"
        case .maxBodyBytes: "MIMO_PROXY_MAX_BODY_BYTES"
        case .upstreamConnectTimeoutSeconds: "MIMO_PROXY_UPSTREAM_CONNECT_SECONDS"
        case .upstreamIdleTimeoutSeconds: "MIMO_PROXY_UPSTREAM_IDLE_SECONDS"
        case .maxOutputTokens: "MIMO_MAX_OUTPUT_TOKENS"
        case .storeMaxResponses: "MIMO_PROXY_STORE_MAX_RESPONSES"
        case .storeMaxBytes: "MIMO_PROXY_STORE_MAX_BYTES"
        // Set by systemd's StateDirectory=; may list several directories.
        case .stateDirectory: "STATE_DIRECTORY"
        case .recoverTextToolCalls: "MIMO_PROXY_RECOVER_TEXT_TOOL_CALLS"
        case .idleExitMinutes: "MIMO_PROXY_IDLE_EXIT_MINUTES"
        case .logLevel: "MIMO_PROXY_LOG_LEVEL"
        case .skipCCSwitchSync: "MIMO_PROXY_SKIP_CC_SWITCH_SYNC"
        case .ccSwitchSettingsPath: "CC_SWITCH_SETTINGS_PATH"
        case .ccSwitchDatabasePath: "CC_SWITCH_DB_PATH"
        case .codexConfigPath: "CODEX_CONFIG_PATH"
        case .controlSocket: "CCMIMOLINK_CONTROL_SOCKET"
        case .usageCost: "MIMO_PROXY_USAGE_COST"
        case .prices: "MIMO_PROXY_PRICES"
        }
    }

    /// The flag name without its leading dashes (`max-concurrent`), or nil when no flag may set
    /// it: a key on the command line is readable by every local user through /proc.
    public var flagName: String? {
        self == .apiKey ? nil : rawValue.replacingUnderscoresWithDashes
    }

    /// Where the value may come from a config file; the API key may not (files end up in dotfile
    /// repositories).
    var isAcceptedFromFile: Bool { self != .apiKey }

    /// Values of secret settings are redacted in every message and report.
    var isSecret: Bool { self == .apiKey }

    /// How to set this, for messages: `max_concurrent (MIMO_PROXY_MAX_CONCURRENT or --max-concurrent)`.
    var waysToSet: String {
        let flag = flagName.map { " or --\($0)" } ?? ""
        return "\(rawValue) (\(environmentVariable)\(flag))"
    }
}

extension String {
    fileprivate var replacingUnderscoresWithDashes: String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
