import ResponsesTranslation

/// Plans the Codex side of a sync: which layout cc-switch left in Codex's files, and the edits that
/// route the provider through the daemon while keeping to that layout. Only the current provider's
/// route is touched; cc-switch writes the others when the user switches to them.
enum CodexFilesPlanner {
    struct Inputs {
        var snapshot: SyncSnapshot
        var live: CodexLiveFiles
        var row: ProviderRow
        var config: ProviderSettingsConfig
        var isCurrent: Bool
        /// The daemon's base URL, normalized.
        var local: String
        /// `SyncOptions.model`, when a model was asked for.
        var model: String?
        var previousEntries: [SyncRecord.CodexEntryRecord]
    }

    struct Plan {
        var layout: CodexLayout
        /// The config.toml table holding the route, for the record (undo looks there).
        var tableID: String?
        var changes: [Change] = []
        var unchanged: [SyncItem] = []
        var notes: [String] = []
        var entryRecords: [SyncRecord.CodexEntryRecord]
    }

    static func plan(_ inputs: Inputs) throws(SyncError) -> Plan {
        let snapshot = inputs.snapshot
        let liveLayout = inputs.live.config?.layout
        let selected = liveLayout?.entry(["model_provider"])?.value.string
        let layout = CodexLayout.detect(
            config: liveLayout, tableID: selected ?? inputs.config.modelProviderID ?? CodexLayout.ccSwitch4TableID,
            authKey: inputs.live.auth?.apiKey, settings: snapshot.settings, userVersion: snapshot.database.userVersion)
        // cc-switch 4 projects every third-party row into its `custom` table; 3.x copies the row's TOML.
        let tableID = layout == .ccSwitch4 ? CodexLayout.ccSwitch4TableID : inputs.config.modelProviderID
        var plan = Plan(layout: layout, tableID: tableID, entryRecords: inputs.previousEntries)
        let configTarget = SyncTarget.codexConfig(path: snapshot.configPath)
        let authTarget = SyncTarget.codexAuth(path: snapshot.authPath)
        let name = inputs.row.name

        guard inputs.isCurrent else {
            var why = "\"\(name)\" is not Codex's current provider in cc-switch; cc-switch writes the daemon's URL into Codex's "
                + "files when you switch to it (run `ccmimoctl sync` afterwards)"
            if let liveLayout, TakeoverSignals.dormantTables(liveLayout).contains(CodexLayout.ccSwitch4TableID) {
                plan.notes.append("Codex's files were left alone: " + dormantNote(name: name))
                why = Self.dormantItemNote
            }
            plan.unchanged.append(SyncItem(target: configTarget, status: .unchanged, note: why))
            plan.unchanged.append(SyncItem(target: authTarget, status: .unchanged, note: why))
            return plan
        }
        guard let liveConfig = inputs.live.config else {
            plan.unchanged.append(SyncItem(target: configTarget, status: .unchanged,
                note: "there is no config.toml; cc-switch writes one when you switch Codex to \"\(name)\""))
            return plan
        }
        guard let tableID else {
            plan.unchanged.append(SyncItem(target: configTarget, status: .unchanged,
                note: "the provider's config has no model_provider, so Codex's file cannot be matched to it"))
            return plan
        }
        plan.notes += try CodexRouteChecks.check(liveConfig.layout, tableID: tableID, path: liveConfig.path)
        if layout == .ccSwitch4, selected != tableID {
            // Not routed through this table at all: dormant after a switch, or edited by hand. Writing
            // the route would not make Codex use it, and cc-switch owns `model_provider`.
            let dormant = TakeoverSignals.dormantTables(liveConfig.layout).contains(tableID)
            let why = dormant
                ? dormantNote(name: name)
                : "config.toml selects \(selected.map { "model_provider = \"\($0)\"" } ?? "no model_provider"), not "
                    + "[model_providers.\(tableID)] where cc-switch 4 puts \"\(name)\"; switch Codex to \"\(name)\" in "
                    + "cc-switch again, then run `ccmimoctl sync`"
            plan.notes.append("Codex's files were left alone: " + why)
            plan.unchanged.append(SyncItem(target: configTarget, status: .unchanged, note: dormant ? Self.dormantItemNote : why))
            plan.unchanged.append(SyncItem(target: authTarget, status: .unchanged, note: authNote(layout)))
            return plan
        }

        let key = inputs.config.apiKey
        let edit = try CodexConfigEdit.plan(
            settings(layout: layout, tableID: tableID, key: key, local: inputs.local, model: inputs.model),
            in: liveConfig, table: ["model_providers", tableID], previous: plan.entryRecords)
        plan.entryRecords = edit.records
        if let after = edit.after {
            plan.changes.append(.codexConfig(path: liveConfig.path, before: liveConfig.bytes, after: after))
            let token = ["model_providers", tableID, "experimental_bearer_token"]
            if layout != .ccSwitch3, let key, liveConfig.layout.entry(token)?.value != .string(key) {
                plan.notes.append("experimental_bearer_token set to the key cc-switch holds for \"\(name)\" (keys are shown shortened)")
            }
        } else {
            plan.unchanged.append(SyncItem(target: configTarget, status: .unchanged))
        }
        if liveConfig.layout.entry(["model_catalog_json"]) != nil {
            plan.notes.append("\(liveConfig.path) also sets model_catalog_json (cc-switch's catalog file), which Codex may "
                + "prefer to the daemon's model_catalog_url; cc-switch manages that key, so it was left alone.")
        }

        guard layout == .ccSwitch3 else {
            plan.unchanged.append(SyncItem(target: authTarget, status: .unchanged, note: authNote(layout)))
            return plan
        }
        if let key {
            if let after = try CodexAuthEdit.plan(inputs.live.auth, path: snapshot.authPath, key: key) {
                plan.changes.append(.codexAuth(path: snapshot.authPath, before: inputs.live.auth?.bytes, after: after))
            } else {
                plan.unchanged.append(SyncItem(target: authTarget, status: .unchanged))
            }
        } else {
            plan.unchanged.append(SyncItem(target: authTarget, status: .unchanged, note: "no key to refresh"))
        }
        return plan
    }

    /// What ccmimolink owns in config.toml, per layout. In cc-switch 4's layout only the route and
    /// the key cc-switch itself puts there: cc-switch owns `model_provider`, `wire_api` and
    /// `requires_openai_auth` (it sets the last from the ChatGPT login on disk).
    private static func settings(
        layout: CodexLayout, tableID: String, key: String?, local: String, model: String?
    ) -> [CodexConfigEdit.Setting] {
        let table = ["model_providers", tableID]
        let baseURL = CodexConfigEdit.Setting(path: table + ["base_url"], value: .string(local))
        let catalog = CodexConfigEdit.Setting(path: table + ["model_catalog_url"], value: .string(BaseURL.modelsURL(daemonURL: local)))
        let bearer = key.map { [CodexConfigEdit.Setting(path: table + ["experimental_bearer_token"], value: .string($0), isSecret: true)] } ?? []
        var settings: [CodexConfigEdit.Setting]
        switch layout {
        case .ccSwitch4:
            settings = [baseURL, catalog] + bearer
        case .ccSwitch3, .ccSwitch3PreservingLogin:
            settings = [.init(path: ["model_provider"], value: .string(tableID)), baseURL,
                        .init(path: table + ["wire_api"], value: .string("responses")), catalog]
            settings += layout == .ccSwitch3 ? [.init(path: table + ["requires_openai_auth"], value: .boolean(true))] : bearer
        }
        if let model {
            settings.append(.init(path: ["model"], value: .string(MimoModelName.canonical(model))))
        }
        return settings
    }

    /// Short, for the item lines; the note says the rest.
    private static let dormantItemNote = "left alone: the route table is cc-switch 4's dormant table "
        + "(experimental_bearer_token = \"\(TakeoverSignals.placeholderKey)\"), see the note"

    private static func dormantNote(name: String) -> String {
        "Codex uses cc-switch's official provider now, and [model_providers.custom] is cc-switch 4's dormant table "
            + "(experimental_bearer_token = \"\(TakeoverSignals.placeholderKey)\", base_url at cc-switch's proxy) kept so "
            + "earlier sessions stay resumable; switch Codex back to \"\(name)\" in cc-switch, then run `ccmimoctl sync`"
    }

    private static func authNote(_ layout: CodexLayout) -> String {
        layout == .ccSwitch4
            ? "cc-switch 4 layout: auth.json belongs to the ChatGPT login and is never touched"
            : "cc-switch preserves the ChatGPT login there; the key is config.toml's experimental_bearer_token"
    }
}
