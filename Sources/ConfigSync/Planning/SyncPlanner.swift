import ResponsesTranslation

/// Decides what a sync changes, from a snapshot, without touching anything: which provider, where
/// its traffic really goes, and the exact new text of each row and file.
enum SyncPlanner {
    static func plan(_ snapshot: SyncSnapshot, options: SyncOptions, now: String) throws(SyncError) -> SyncPlan {
        let local = BaseURL.normalized(options.daemonURL)
        let database = snapshot.database
        let databasePath = snapshot.paths.ccSwitchDatabase
        guard database.userVersion >= CCSwitchDatabase.oldestSupportedUserVersion else {
            throw .databaseTooOld(path: databasePath, userVersion: database.userVersion)
        }
        var notes: [String] = []
        if database.userVersion > CCSwitchDatabase.newestKnownUserVersion {
            notes.append("cc-switch.db has schema version \(database.userVersion), newer than the \(CCSwitchDatabase.newestKnownUserVersion) "
                + "ccmimolink knows; only the provider's base URL and endpoint URLs were considered.")
        }

        let live = try CodexLiveFiles(snapshot)
        let takeover = database.takeoverSignals + live.takeoverSignals
        guard takeover.isEmpty else { throw .proxyManaged(signals: takeover) }

        let currentID = ProviderSelection.currentProviderID(settings: snapshot.settings, providers: database.providers)
        let ourURLs = [local] + snapshot.records.map(\.localBaseURL)
        let inputs = ProviderSelection.Inputs(
            providers: database.providers, currentProviderID: currentID, explicitID: options.providerID,
            rememberedIDs: snapshot.records.map(\.providerID), daemonURLs: ourURLs)
        let row = try ProviderSelection.select(inputs)
        let summary = ProviderSelection.summary(of: row, inputs: inputs)
        let config: ProviderSettingsConfig
        do {
            config = try ProviderSettingsConfig(row.settingsConfig)
        } catch {
            throw .malformedProvider(provider: summary, reason: error.reason)
        }
        if config.apiKey == TakeoverSignals.placeholderKey {
            throw .proxyManaged(signals: ["provider \(summary) holds the placeholder key \(TakeoverSignals.placeholderKey)"])
        }
        guard let routeURL = config.routeURL, let routeLiteral = config.routeLiteral, let routeSourceText = config.routeSourceText else {
            throw .malformedProvider(provider: summary, reason: "its config has no base_url string")
        }

        // Where traffic really goes: the row's URL unless it is ours, then what we remembered.
        let previous = snapshot.records.first { $0.providerID == row.id }
        let upstreamURL: String
        let upstreamRowText: String
        if !ourURLs.contains(where: { BaseURL.sameRoute($0, routeURL) }) {
            upstreamURL = routeURL
            upstreamRowText = routeSourceText
        } else if let previous {
            upstreamURL = previous.upstreamBaseURL
            upstreamRowText = previous.upstreamRowText
        } else {
            throw .upstreamUnknown(provider: summary, baseURL: routeURL)
        }
        let upstream = RememberedUpstream(
            providerID: row.id, providerName: row.name, baseURL: upstreamURL, plan: MimoPlan(baseURL: upstreamURL))

        var changes: [Change] = []
        var unchanged: [SyncItem] = []
        let rowTarget = SyncTarget.providerConfig(database: databasePath, providerID: row.id)
        if BaseURL.sameRoute(routeURL, local) {
            unchanged.append(SyncItem(target: rowTarget, status: .unchanged))
        } else if let after = config.replacingRoute(with: TOMLLiteral.string(local, replacing: routeLiteral)) {
            let configAfter = (try? ProviderSettingsConfig(after))?.config.text ?? ""
            changes.append(.providerRoute(
                providerID: row.id, before: row.settingsConfig, after: after, configBefore: config.config.text,
                configAfter: configAfter))
        }

        var endpointRecords = previous?.endpoints ?? []
        for endpoint in database.endpoints where endpoint.providerID == row.id
            && BaseURL.sameRoute(endpoint.url, upstreamURL) && !BaseURL.sameRoute(endpoint.url, local) {
            changes.append(.endpointURL(providerID: row.id, endpointID: endpoint.id, before: endpoint.url, after: local))
            endpointRecords.removeAll { $0.endpointID == endpoint.id }
            endpointRecords.append(SyncRecord.EndpointRecord(endpointID: endpoint.id, originalURL: endpoint.url))
        }

        let codex = try CodexFilesPlanner.plan(CodexFilesPlanner.Inputs(
            snapshot: snapshot, live: live, row: row, config: config, isCurrent: row.id == currentID, local: local,
            model: options.model, previousEntries: previous?.codexEntries ?? []))
        changes += codex.changes
        unchanged += codex.unchanged
        notes += codex.notes
        if config.apiKey == nil {
            notes.append("cc-switch holds no API key for \"\(row.name)\", so Codex's key was left as it is. Add your MiMo key "
                + "to the provider in cc-switch, or give the daemon one (MIMO_API_KEY or the mimo-api-key credential).")
        }

        let record = SyncRecord(
            providerID: row.id, providerName: row.name, tomlProviderID: codex.tableID ?? config.modelProviderID,
            upstreamBaseURL: upstreamURL,
            upstreamRowText: upstreamRowText, upstreamPlan: upstream.plan, localBaseURL: local, databasePath: databasePath,
            codexDirectory: snapshot.codexDirectory, userVersionSeen: database.userVersion, syncedAt: now,
            endpoints: endpointRecords, codexEntries: codex.entryRecords)
        return SyncPlan(
            changes: changes, provider: summary, upstream: upstream, layout: codex.layout,
            recordToSave: changes.isEmpty ? nil : record,
            unchangedItems: unchanged, notes: notes, secrets: config.secrets + live.secrets)
    }
}
