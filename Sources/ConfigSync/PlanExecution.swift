import ResponsesTranslation
/// Carries out a plan in the safe order — record first, then cc-switch.db in one transaction,
/// then Codex's files, each backed up and replaced atomically after checking it is still what the
/// plan was made from — and reports what happened. A row or file found changed throws
/// `.keptChanging` with nothing of it written, so the caller can plan again.
struct PlanExecution {
    let plan: SyncPlan
    let database: CCSwitchDatabase
    let store: SyncStateStore
    let backups: BackupDirectory
    var hooks = SyncTestHooks()
    var attempt = 1

    func run(dryRun: Bool, isUndo: Bool) throws(SyncError) -> SyncReport {
        if plan.changes.isEmpty {
            // An undo that finds nothing left to restore still ends the record's claim.
            if isUndo, !dryRun { try store.retire(providerIDs: plan.providersToRetire) }
            let outcome: SyncReport.Outcome = isUndo ? (plan.provider == nil || dryRun ? .nothingToUndo : .undone) : .alreadyInSync
            return report(outcome: outcome, changedItems: [])
        }
        if dryRun {
            let items = plan.changes.map {
                SyncItem(target: target(of: $0), status: .wouldChange, diff: diff(of: $0), note: note(for: $0))
            }
            return report(outcome: .wouldChange, changedItems: items)
        }

        var items: [SyncItem] = []
        let databaseChanges = plan.changes.filter(\.isDatabaseChange)
        if databaseChanges.isEmpty {
            if let record = plan.recordToSave { try store.save(record) }
        } else {
            hooks.beforeDatabaseWrite(attempt)
            let backup = try database.apply(rowWrites(databaseChanges), backups: backups) { () throws(SyncError) in
                if let record = plan.recordToSave { try store.save(record) }
            }
            items += databaseChanges.map { SyncItem(target: target(of: $0), status: .changed, diff: diff(of: $0), backup: backup) }
        }
        for change in plan.changes where !change.isDatabaseChange {
            items.append(try write(change))
        }
        if isUndo { try store.retire(providerIDs: plan.providersToRetire) }
        return report(outcome: isUndo ? .undone : .changed, changedItems: items)
    }

    private func write(_ change: Change) throws(SyncError) -> SyncItem {
        let path: String, before: [UInt8]?, after: String, label: String
        switch change {
        case .codexConfig(let file, let old, let new): (path, before, after, label) = (file, old, new, "config.toml")
        case .codexAuth(let file, let old, let new): (path, before, after, label) = (file, old, new, "auth.json")
        case .providerRoute, .endpointURL: preconditionFailure("database changes are applied in the transaction")
        }
        // cc-switch may have rewritten the file since it was read; then plan again. Checked here to
        // spare a backup, and again just before the rename.
        guard try CCSwitchSync.read(path) == before else { throw .keptChanging(path: path) }
        var backup: String?
        do {
            if let before { backup = try backups.save(before, label: label) }
            hooks.beforeFileWrite(path, attempt)
            try AtomicFileWrite.replace(path, with: Array(after.utf8), newFileMode: 0o600, expecting: .unchanged(before))
        } catch {
            if error.changedMeanwhile { throw .keptChanging(path: path) }
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        return SyncItem(target: target(of: change), status: .changed, diff: diff(of: change), backup: backup, note: note(for: change))
    }

    /// Both sides of a refreshed key redact to the same prefix, so the diff alone looks empty.
    private func note(for change: Change) -> String? {
        guard case .codexAuth = change else { return nil }
        return "OPENAI_API_KEY set to the key cc-switch holds for the provider (keys are shown shortened)"
    }

    /// Database changes grouped per provider, each with the values it expects to find.
    private func rowWrites(_ changes: [Change]) -> [CCSwitchDatabase.RowWrite] {
        var writes: [CCSwitchDatabase.RowWrite] = []
        func index(for providerID: String) -> Int {
            if let found = writes.firstIndex(where: { $0.providerID == providerID }) { return found }
            writes.append(CCSwitchDatabase.RowWrite(
                providerID: providerID, expectedSettingsConfig: nil, newSettingsConfig: nil, endpoints: []))
            return writes.count - 1
        }
        for change in changes {
            switch change {
            case .providerRoute(let providerID, let before, let after, _, _):
                let at = index(for: providerID)
                writes[at].expectedSettingsConfig = before
                writes[at].newSettingsConfig = after
            case .endpointURL(let providerID, let endpointID, let before, let after):
                let at = index(for: providerID)
                writes[at].endpoints.append(CCSwitchDatabase.EndpointWrite(id: endpointID, expectedURL: before, newURL: after))
            case .codexConfig, .codexAuth:
                break
            }
        }
        return writes
    }

    private func target(of change: Change) -> SyncTarget {
        change.target(database: database.path)
    }

    private func diff(of change: Change) -> String {
        let label = target(of: change).description
        let text: String
        switch change {
        case .providerRoute(_, _, _, let before, let after):
            text = UnifiedDiff.make(from: before, to: after, oldLabel: label, newLabel: label)
        case .endpointURL(_, _, let before, let after):
            text = UnifiedDiff.make(from: before + "\n", to: after + "\n", oldLabel: label, newLabel: label)
        case .codexConfig(_, let before, let after), .codexAuth(_, let before, let after):
            text = UnifiedDiff.make(
                from: before.map { String(decoding: $0, as: UTF8.self) } ?? "", to: after,
                oldLabel: before == nil ? "/dev/null" : label, newLabel: label)
        }
        return SecretRedaction.redacting(text, known: plan.redactedSecrets)
    }

    private func report(outcome: SyncReport.Outcome, changedItems: [SyncItem]) -> SyncReport {
        let unchanged = plan.unchangedItems.filter { item in !changedItems.contains { $0.target == item.target } }
        return SyncReport(
            outcome: outcome, provider: plan.provider, upstream: plan.upstream, layout: plan.layout,
            items: changedItems + unchanged,
            notes: plan.notes.map { SecretRedaction.redacting($0, known: plan.redactedSecrets) })
    }
}
