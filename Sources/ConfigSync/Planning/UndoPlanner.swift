/// Decides what an undo puts back: each synced provider's original route and endpoint URLs, and
/// the config.toml values ccmimolink set — but only where they still hold what ccmimolink wrote.
/// Anything changed since by the user or cc-switch is theirs and stays. Keys are never reverted:
/// the one ccmimolink wrote is the one cc-switch holds.
enum UndoPlanner {
    static func plan(_ snapshot: SyncSnapshot) throws(SyncError) -> SyncPlan {
        let database = snapshot.database
        let live = try CodexLiveFiles(snapshot)
        let takeover = database.takeoverSignals + live.takeoverSignals
        guard takeover.isEmpty else { throw .proxyManaged(signals: takeover) }
        guard let latest = snapshot.records.first else {
            return SyncPlan(changes: [], provider: nil, upstream: nil, unchangedItems: [], notes: [], secrets: live.secrets)
        }

        let currentID = ProviderSelection.currentProviderID(settings: snapshot.settings, providers: database.providers)
        var changes: [Change] = []
        var unchanged: [SyncItem] = []
        var notes: [String] = []
        var secrets = live.secrets
        for record in snapshot.records {
            guard let row = database.providers.first(where: { $0.id == record.providerID }) else {
                notes.append("provider \(record.providerID) (\"\(record.providerName)\") no longer exists in cc-switch.")
                continue
            }
            let target = SyncTarget.providerConfig(database: snapshot.paths.ccSwitchDatabase, providerID: row.id)
            guard let config = try? ProviderSettingsConfig(row.settingsConfig), let routeURL = config.routeURL else {
                unchanged.append(SyncItem(target: target, status: .unchanged, note: "its config can no longer be read"))
                continue
            }
            secrets += config.secrets
            if BaseURL.sameRoute(routeURL, record.localBaseURL), let after = config.replacingRoute(withSourceText: record.upstreamRowText) {
                let configAfter = (try? ProviderSettingsConfig(after))?.config.text ?? ""
                changes.append(.providerRoute(
                    providerID: row.id, before: row.settingsConfig, after: after, configBefore: config.config.text,
                    configAfter: configAfter))
            } else {
                unchanged.append(SyncItem(target: target, status: .unchanged, note: "its base URL was changed since the sync"))
            }
            for endpoint in record.endpoints {
                guard let current = database.endpoints.first(where: { $0.id == endpoint.endpointID && $0.providerID == row.id }),
                      BaseURL.sameRoute(current.url, record.localBaseURL)
                else { continue }
                changes.append(.endpointURL(providerID: row.id, endpointID: current.id, before: current.url, after: endpoint.originalURL))
            }
        }

        let configTarget = SyncTarget.codexConfig(path: snapshot.configPath)
        let entries = snapshot.records.flatMap { record in record.codexEntries.map { (record, $0) } }
        if let liveConfig = live.config, !entries.isEmpty {
            let layout = liveConfig.layout
            let editor = TOMLEdits(layout)
            var edits: [TextEdit] = []
            var seen = Set<[String]>()
            for (record, entry) in entries where seen.insert(entry.path).inserted {
                // Only while config.toml still routes that provider's table through the daemon.
                guard let table = record.tomlProviderID,
                      let route = layout.entry(["model_providers", table, "base_url"])?.value.string,
                      BaseURL.sameRoute(route, record.localBaseURL),
                      let current = layout.entry(entry.path),
                      String(decoding: layout.bytes[current.valueRange], as: UTF8.self) == entry.writtenLiteral
                else { continue }
                if let original = entry.originalLiteral {
                    edits.append(editor.replaceValue(of: current, with: original))
                } else {
                    edits.append(editor.remove(current))
                }
            }
            if edits.isEmpty {
                unchanged.append(SyncItem(target: configTarget, status: .unchanged,
                    note: "it no longer holds the values ccmimolink set"))
            } else {
                let after = edits.applied(to: liveConfig.text)
                do {
                    _ = try TOMLCheck(after)
                } catch {
                    throw .cannotEditSafely(path: liveConfig.path, reason: "the restored text would not be valid TOML (line \(error.line))")
                }
                changes.append(.codexConfig(path: liveConfig.path, before: liveConfig.bytes, after: after))
            }
        }

        let provider = database.providers.first { $0.id == latest.providerID }.map {
            ProviderSummary(id: $0.id, name: $0.name, isCurrent: $0.id == currentID, signals: [.remembered])
        }
        return SyncPlan(
            changes: changes, provider: provider, upstream: latest.upstream,
            providersToRetire: snapshot.records.map(\.providerID), unchangedItems: unchanged, notes: notes, secrets: secrets)
    }
}
