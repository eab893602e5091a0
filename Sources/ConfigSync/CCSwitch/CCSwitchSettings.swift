import ResponsesTranslation

/// The keys of `~/.cc-switch/settings.json` a sync needs. The file is only read: cc-switch keeps it
/// in memory and rewrites it whole, dropping anything another program wrote.
struct CCSwitchSettings: Sendable, Equatable {
    /// `currentProviderCodex`: the device-level pointer to the current Codex provider.
    var currentCodexProviderID: String?
    /// `codexConfigDir`: overrides `~/.codex`; `~/` is expanded by cc-switch.
    var codexConfigDirectory: String?
    /// `preserveCodexOfficialAuthOnSwitch`: the key goes into config.toml as
    /// `experimental_bearer_token` and auth.json is left to the ChatGPT login.
    var preservesCodexAuth: Bool

    static func parse(_ bytes: [UInt8], path: String) throws(SyncError) -> CCSwitchSettings {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw .malformedFile(path: path, reason: error.description)
        }
        guard case .object(let object) = value else {
            throw .malformedFile(path: path, reason: "expected a JSON object, found \(value.typeName)")
        }
        return CCSwitchSettings(
            currentCodexProviderID: object["currentProviderCodex"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            codexConfigDirectory: object["codexConfigDir"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            preservesCodexAuth: object["preserveCodexOfficialAuthOnSwitch"]?.boolValue ?? false)
    }

    /// Codex's directory as cc-switch resolves it: an explicit path wins, then `codexConfigDir`,
    /// then `~/.codex`.
    func codexDirectory(explicit: String?, home: String) -> String {
        if let explicit { return SyncPaths.trimmingTrailingSlashes(explicit) }
        guard let configured = codexConfigDirectory else { return home + "/.codex" }
        if configured == "~" { return home }
        if configured.hasPrefix("~/") { return home + "/" + configured.dropFirst(2) }
        return SyncPaths.trimmingTrailingSlashes(configured)
    }
}
