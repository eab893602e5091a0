/// Picks the cc-switch provider to route through the daemon: the one named explicitly, else the
/// one synced before, else the only one that looks like Xiaomi MiMo, else the current one among
/// several. It never guesses between several non-current candidates.
enum ProviderSelection {
    struct Inputs {
        var providers: [ProviderRow]
        var currentProviderID: String?
        var explicitID: String?
        var rememberedIDs: [String]
        /// Our URLs, now and from earlier syncs: a route pointing at one of them marks our provider.
        var daemonURLs: [String]
    }

    static func select(_ inputs: Inputs) throws(SyncError) -> ProviderRow {
        let summaries = inputs.providers.map { summary(of: $0, inputs: inputs) }
        if let explicit = inputs.explicitID {
            guard let row = inputs.providers.first(where: { $0.id == explicit }) else {
                throw .unknownProvider(id: explicit, providers: summaries)
            }
            return row
        }
        for id in inputs.rememberedIDs {
            if let row = inputs.providers.first(where: { $0.id == id }) { return row }
        }
        let candidates = zip(inputs.providers, summaries).filter { !$0.1.signals.isEmpty }
        switch candidates.count {
        case 0:
            throw .noMimoProvider(providers: summaries)
        case 1:
            return candidates[0].0
        default:
            if let current = candidates.first(where: { $0.1.isCurrent }) { return current.0 }
            throw .severalMimoProviders(candidates: candidates.map(\.1))
        }
    }

    /// The current Codex provider as cc-switch resolves it: the settings.json pointer when it
    /// names an existing provider, else the row flagged `is_current`.
    static func currentProviderID(settings: CCSwitchSettings, providers: [ProviderRow]) -> String? {
        if let pointer = settings.currentCodexProviderID, providers.contains(where: { $0.id == pointer }) {
            return pointer
        }
        return providers.first(where: \.isCurrent)?.id
    }

    static func summary(of row: ProviderRow, inputs: Inputs) -> ProviderSummary {
        ProviderSummary(
            id: row.id, name: row.name, isCurrent: row.id == inputs.currentProviderID,
            signals: signals(of: row, inputs: inputs))
    }

    static func signals(of row: ProviderRow, inputs: Inputs) -> [MimoSignal] {
        var signals: [MimoSignal] = []
        if row.id == inputs.explicitID { signals.append(.chosen) }
        if inputs.rememberedIDs.contains(row.id) { signals.append(.remembered) }
        if row.name.lowercased().contains("mimo") { signals.append(.name) }
        if row.icon == "xiaomimimo" { signals.append(.icon) }
        // Signals from the TOML need a readable row; an unreadable one can still match by name.
        guard let config = try? ProviderSettingsConfig(row.settingsConfig) else { return signals }
        if let name = config.tomlProviderName, ["xiaomi_mimo", "xiaomi_mimo_token_plan"].contains(name) {
            signals.append(.presetName)
        }
        if let url = config.routeURL {
            if BaseURL.isMimoHost(url) { signals.append(.mimoHost) }
            if inputs.daemonURLs.contains(where: { BaseURL.sameRoute($0, url) }) { signals.append(.daemonURL) }
        }
        if config.modelProviderID == "xiaomi_mimo" { signals.append(.legacyProviderID) }
        if config.model?.lowercased().hasPrefix("mimo-") == true { signals.append(.mimoModel) }
        return signals
    }
}
