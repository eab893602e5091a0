import ResponsesTranslation
import StateFiles
import Foundation

/// Routes cc-switch's Xiaomi MiMo Codex provider through ccmimolinkd, and back.
///
/// Public API:
/// - `CCSwitchSync.sync(paths:options:)` finds the MiMo provider in cc-switch (by name, icon,
///   preset, base URL host, legacy `xiaomi_mimo` id, or the daemon URL written last time),
///   remembers its real upstream URL and plan in ccmimolink's state, points its route (the TOML
///   `base_url` in `settings_config` and matching `provider_endpoints` rows) at the daemon, and —
///   when it is Codex's current provider — sets the keys ccmimolink owns in config.toml and
///   refreshes the key Codex sends, keeping to the layout cc-switch left there (`CodexLayout`:
///   cc-switch 4's key in config.toml, 3.x's in auth.json). `options.dryRun` only reports, with
///   unified diffs.
/// - `CCSwitchSync.undo(paths:options:)` puts back what `sync` changed, where it is still as
///   `sync` left it.
/// - `CCSwitchSync.rememberedUpstream(paths:)` is where the daemon should send the provider's
///   traffic; `recallUpstream(paths:)` says the same but falls back to the last upstream read when
///   the record is damaged, with the reason.
/// - `SyncPaths`, `SyncOptions`, `UndoOptions` in; `SyncReport` (items with diffs, a one-line
///   `summary`, the `upstream`, `notes`) out; `SyncError` says what stopped it and how to fix it.
///
/// Guarantees: every file is backed up (state directory, 0600, newest 10 kept) before its first
/// change in a run and replaced atomically; database writes happen in one `BEGIN IMMEDIATE`
/// transaction after re-checking the rows; nothing is written when everything is in sync; nothing
/// at all is written while cc-switch's own proxy has taken Codex over; keys never appear in a
/// report, diff, error or in ccmimolink's state. Calls block on disk and on cc-switch.db's lock
/// (up to the busy timeout): run them off any event loop.
public enum CCSwitchSync {
    /// When cc-switch writes a row or file between our read and our write, the run reads everything
    /// again and plans once more on top of what cc-switch wrote; a second conflict gives up.
    static let attempts = 2

    public static func sync(paths: SyncPaths, options: SyncOptions = SyncOptions()) throws(SyncError) -> SyncReport {
        try sync(paths: paths, options: options, hooks: SyncTestHooks())
    }

    static func sync(paths: SyncPaths, options: SyncOptions, hooks: SyncTestHooks) throws(SyncError) -> SyncReport {
        try run(paths: paths, dryRun: options.dryRun, busyTimeoutSeconds: options.busyTimeoutSeconds,
                backupsKept: options.backupsKept, isUndo: false, hooks: hooks) { snapshot throws(SyncError) in
            try SyncPlanner.plan(snapshot, options: options, now: UTCTimestamp.iso8601(Date()))
        }
    }

    public static func undo(paths: SyncPaths, options: UndoOptions = UndoOptions()) throws(SyncError) -> SyncReport {
        try run(paths: paths, dryRun: options.dryRun, busyTimeoutSeconds: options.busyTimeoutSeconds,
                backupsKept: options.backupsKept, isUndo: true, hooks: SyncTestHooks()) { snapshot throws(SyncError) in
            try UndoPlanner.plan(snapshot)
        }
    }

    /// The upstream of the most recently synced provider, from ccmimolink's state alone (cc-switch
    /// is not opened); nil before the first sync or after an undo.
    public static func rememberedUpstream(paths: SyncPaths, busyTimeoutSeconds: Double = 5) throws(SyncError) -> RememberedUpstream? {
        try SyncStateStore(paths: paths, busyTimeoutSeconds: busyTimeoutSeconds)
            .activeRecords(databasePath: paths.ccSwitchDatabase).first?.upstream
    }

    /// The upstream the daemon should use, never silently lost: read from the sync record, which
    /// also refreshes the last known upstream kept beside it; when the record cannot be read, that
    /// last known upstream, with the reason. Writes only in the state directory, and only when the
    /// remembered upstream changed.
    public static func recallUpstream(paths: SyncPaths, busyTimeoutSeconds: Double = 5) -> UpstreamRecall {
        let lastKnown = LastKnownUpstreamFile(paths: paths)
        let upstream: RememberedUpstream?
        do {
            upstream = try rememberedUpstream(paths: paths, busyTimeoutSeconds: busyTimeoutSeconds)
        } catch {
            return UpstreamRecall(upstream: lastKnown.read(), recordProblem: error)
        }
        do {
            try lastKnown.keep(upstream)
            return UpstreamRecall(upstream: upstream)
        } catch {
            return UpstreamRecall(upstream: upstream, lastKnownProblem: "cannot save \(error.path): \(error.reason)")
        }
    }

    private static func run(
        paths: SyncPaths, dryRun: Bool, busyTimeoutSeconds: Double, backupsKept: Int, isUndo: Bool, hooks: SyncTestHooks,
        planner: (SyncSnapshot) throws(SyncError) -> SyncPlan
    ) throws(SyncError) -> SyncReport {
        let missing = [paths.ccSwitchSettings, paths.ccSwitchDatabase].filter { !FileContents.exists($0) }
        guard missing.isEmpty else { throw .ccSwitchNotInstalled(missing: missing) }
        var attempt = 1
        while true {
            do {
                let database = try CCSwitchDatabase(path: paths.ccSwitchDatabase, busyTimeoutSeconds: busyTimeoutSeconds)
                defer { database.close() }
                let store = SyncStateStore(paths: paths, busyTimeoutSeconds: busyTimeoutSeconds)
                let snapshot = try readSnapshot(paths: paths, database: database, store: store)
                let plan = try planner(snapshot)
                let execution = PlanExecution(
                    plan: plan, database: database, store: store,
                    backups: BackupDirectory(path: paths.backupDirectory, kept: backupsKept), hooks: hooks, attempt: attempt)
                let report = try execution.run(dryRun: dryRun, isUndo: isUndo)
                if !dryRun {
                    // Also without a daemon (`--sync-only`): the fallback must match the record from the
                    // start. A failure here only costs the fallback; the daemon's recall retries and logs it.
                    try? LastKnownUpstreamFile(paths: paths).keep(store.activeRecords(databasePath: paths.ccSwitchDatabase).first?.upstream)
                }
                return report
            } catch {
                guard case .keptChanging = error, attempt < attempts else { throw error }
                attempt += 1
            }
        }
    }

    private static func readSnapshot(
        paths: SyncPaths, database: CCSwitchDatabase, store: SyncStateStore
    ) throws(SyncError) -> SyncSnapshot {
        guard let settingsBytes = try read(paths.ccSwitchSettings) else {
            throw .ccSwitchNotInstalled(missing: [paths.ccSwitchSettings])
        }
        let settings = try CCSwitchSettings.parse(settingsBytes, path: paths.ccSwitchSettings)
        let codexDirectory = settings.codexDirectory(explicit: paths.codexDirectory, home: paths.home)
        let databaseSnapshot = try database.snapshot()
        return SyncSnapshot(
            paths: paths, settings: settings, codexDirectory: codexDirectory, database: databaseSnapshot,
            codexConfig: try read(codexDirectory + "/config.toml"), codexAuth: try read(codexDirectory + "/auth.json"),
            records: try store.activeRecords(databasePath: paths.ccSwitchDatabase))
    }

    static func read(_ path: String) throws(SyncError) -> [UInt8]? {
        do {
            return try FileContents.read(path)
        } catch {
            throw .unreadableFile(path: error.path, reason: error.reason)
        }
    }
}
