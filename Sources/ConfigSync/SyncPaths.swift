/// Where cc-switch, Codex and ccmimolink keep the files a sync reads and writes.
public struct SyncPaths: Sendable, Equatable {
    /// cc-switch's device settings, `~/.cc-switch/settings.json`. Only ever read.
    public var ccSwitchSettings: String
    /// cc-switch's database, `~/.cc-switch/cc-switch.db` (or under its `app_config_dir_override`).
    public var ccSwitchDatabase: String
    /// Codex's directory when given explicitly; otherwise cc-switch's `codexConfigDir` setting,
    /// else `~/.codex` — the directory cc-switch itself writes.
    public var codexDirectory: String?
    /// The user's home, for `~` in `codexConfigDir` and for the `~/.codex` default.
    public var home: String
    /// ccmimolink's own state: the sync record (`cc-switch-sync.sqlite`) and `backups/`.
    public var stateDirectory: String

    public init(
        ccSwitchSettings: String, ccSwitchDatabase: String, codexDirectory: String? = nil, home: String,
        stateDirectory: String
    ) {
        self.ccSwitchSettings = ccSwitchSettings
        self.ccSwitchDatabase = ccSwitchDatabase
        self.codexDirectory = codexDirectory
        self.home = home
        self.stateDirectory = stateDirectory
    }

    /// The usual places, honouring the variables users already know from CCMimoLink
    /// (`CC_SWITCH_SETTINGS_PATH`, `CC_SWITCH_DB_PATH`, `CODEX_CONFIG_PATH`) and systemd's
    /// `STATE_DIRECTORY`, else `$XDG_STATE_HOME/ccmimolink`, else `~/.local/state/ccmimolink`.
    /// Nil without an absolute `HOME`.
    public static func standard(environment: [String: String]) -> SyncPaths? {
        func absolute(_ name: String) -> String? {
            guard let value = environment[name], value.hasPrefix("/") else { return nil }
            return value
        }
        guard let home = absolute("HOME").map(trimmingTrailingSlashes) else { return nil }
        let ccSwitch = home + "/.cc-switch"
        // systemd passes several directories separated by colons when the unit lists several.
        let systemdState = environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
        let state = systemdState.flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? absolute("XDG_STATE_HOME").map { trimmingTrailingSlashes($0) + "/ccmimolink" }
            ?? home + "/.local/state/ccmimolink"
        var codexDirectory: String?
        if let configPath = absolute("CODEX_CONFIG_PATH") {
            codexDirectory = configPath.hasSuffix(".toml") ? AtomicFileWrite.parentDirectory(of: configPath) : configPath
        }
        return SyncPaths(
            ccSwitchSettings: absolute("CC_SWITCH_SETTINGS_PATH") ?? ccSwitch + "/settings.json",
            ccSwitchDatabase: absolute("CC_SWITCH_DB_PATH") ?? ccSwitch + "/cc-switch.db",
            codexDirectory: codexDirectory, home: home, stateDirectory: state)
    }

    /// The sync record inside the state directory.
    public var stateDatabase: String { Self.trimmingTrailingSlashes(stateDirectory) + "/" + SyncStateStore.fileName }

    /// Backups of every file before ccmimolink changes it.
    public var backupDirectory: String { Self.trimmingTrailingSlashes(stateDirectory) + "/backups" }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }
}
