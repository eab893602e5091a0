import StateFiles
import ConfigSync
import DaemonConfiguration
import Foundation
import Logging
import MimoUpstream
import ProxyServer
import ResponseStore
import ResponsesTranslation
import Systemd
import UsageLedger

/// The daemon's live state and the operations that change it: reload (SIGHUP, `ccmimoctl reload`),
/// sync, model pinning. One actor, so a reload, a sync and a model switch never interleave.
actor DaemonRuntime {
    /// What a reload did, for the log, the control plane and the unit status.
    struct ReloadOutcome: Sendable {
        var applied: [String] = []
        var needsRestart: [String] = []
        var warnings: [String] = []
        var sync: Result<SyncReport, SyncFailure>?
        var failed: Bool = false
    }

    /// Settings a reload applies without a restart; changes to any other key are reported as needing one.
    static let liveKeys: Set<SettingKey> = [
        .model, .visionModel, .mode, .baseURL, .skipCCSwitchSync, .ccSwitchSettingsPath, .ccSwitchDatabasePath, .codexConfigPath,
        .usageCost, .prices,
    ]

    private(set) var settings: DaemonSettings
    let configuration: ConfigurationSource
    let environment: [String: String]
    let client: MimoClient
    let models: ModelSelection
    let pinnedModelFile: PinnedModelFile
    let servedModels: ServedModelsRefresher
    let store: ResponseStore?
    let usage: UsageLedger
    let activity: ProxyActivity
    let syncRunner: SyncRunner
    let notifier: ServiceNotifier
    let logger: Logger
    let startedAt = ContinuousClock.now
    let httpURLs: [String]
    let controlSocket: String?
    let socketActivated: Bool
    let watchdog: WatchdogSchedule?
    let idleExit: IdleExit
    private(set) var upstreamSource: String
    private(set) var lastProblem: (at: String, message: String)?

    init(settings: DaemonSettings, configuration: ConfigurationSource, environment: [String: String], client: MimoClient,
         models: ModelSelection, pinnedModelFile: PinnedModelFile, servedModels: ServedModelsRefresher, store: ResponseStore?, usage: UsageLedger, activity: ProxyActivity,
         syncRunner: SyncRunner, notifier: ServiceNotifier, logger: Logger, httpURLs: [String], controlSocket: String?,
         socketActivated: Bool, watchdog: WatchdogSchedule?, upstreamSource: String, idleExit: IdleExit) {
        self.settings = settings
        self.configuration = configuration
        self.environment = environment
        self.client = client
        self.models = models
        self.pinnedModelFile = pinnedModelFile
        self.servedModels = servedModels
        self.store = store
        self.usage = usage
        self.activity = activity
        self.syncRunner = syncRunner
        self.notifier = notifier
        self.logger = logger
        self.httpURLs = httpURLs
        self.controlSocket = controlSocket
        self.socketActivated = socketActivated
        self.watchdog = watchdog
        self.upstreamSource = upstreamSource
        self.idleExit = idleExit
    }

    // MARK: Reload

    /// Re-reads the configuration file, applies what can change live, re-syncs cc-switch and
    /// re-decides the upstream, wrapped in `RELOADING=1` … `READY=1`.
    func reload(trigger: String) async -> ReloadOutcome {
        notifier.reloading()
        logger.notice("reloading configuration", metadata: ["trigger": "\(trigger)"])
        var outcome = ReloadOutcome()
        let (resolved, messages) = configuration.resolve()
        guard let fresh = resolved else {
            outcome.failed = true
            outcome.warnings = messages + ["the previous configuration stays in effect"]
            note(problem: "reload failed: " + (messages.first ?? "invalid configuration"))
            logger.error("reload failed; keeping the previous configuration", metadata: ["problems": "\(messages.joined(separator: "; "))"])
            notifier.ready(status: await statusLine())
            return outcome
        }
        outcome.warnings = messages
        for key in SettingKey.allCases where key != .apiKey {
            let before = ConfigurationReport.displayValue(of: key, in: settings)
            let after = ConfigurationReport.displayValue(of: key, in: fresh)
            guard before != after else { continue }
            let change = "\(key.tomlKey): \(before) → \(after)"
            if Self.liveKeys.contains(key) { outcome.applied.append(change) } else { outcome.needsRestart.append(change) }
        }
        // Only live keys take effect; the rest keep their running values until a restart.
        var next = settings
        next.model = fresh.model
        next.visionModel = fresh.visionModel
        next.mode = fresh.mode
        next.baseURL = fresh.baseURL
        next.skipCCSwitchSync = fresh.skipCCSwitchSync
        next.ccSwitchSettingsPath = fresh.ccSwitchSettingsPath
        next.ccSwitchDatabasePath = fresh.ccSwitchDatabasePath
        next.codexConfigPath = fresh.codexConfigPath
        next.usageCost = fresh.usageCost
        next.prices = fresh.prices
        next.adoptSources(from: fresh, for: Self.liveKeys)
        settings = next
        await models.configure(text: next.model, vision: next.visionModel)
        if models.current.pinned != nil, outcome.applied.contains(where: { $0.hasPrefix("model:") }) {
            outcome.warnings.append("the model pinned with `ccmimoctl model` stays in effect; `ccmimoctl model --reset` returns to the configured one")
        }
        await syncRunner.update(paths: SyncPaths.from(settings: next, environment: environment))
        if !next.skipCCSwitchSync {
            outcome.sync = await syncRunner.sync()
        }
        await rerouteUpstream()
        servedModels.refreshInBackground(reason: "reload", forgetLessons: true)
        reportRetiredModels()
        if !outcome.needsRestart.isEmpty {
            logger.warning("some changed settings take effect after a restart",
                           metadata: ["settings": "\(outcome.needsRestart.joined(separator: "; "))"])
        }
        let model = models.current.active.id
        logger.notice("reloaded", metadata: ["applied": "\(outcome.applied.joined(separator: "; "))",
                                            "upstream": "\(client.endpoint)", "model": "\(model)"])
        notifier.ready(status: await statusLine())
        return outcome
    }

    // MARK: Sync

    /// Runs a sync (or undo) and, when it really changed something, points the upstream where the
    /// synced provider's traffic belongs.
    func sync(dryRun: Bool, undo: Bool, providerID: String?) async -> Result<SyncReport, SyncFailure> {
        let result = undo ? await syncRunner.undo(dryRun: dryRun) : await syncRunner.sync(dryRun: dryRun, providerID: providerID)
        if !dryRun {
            await rerouteUpstream()
            if case .failure(let failure) = result, !failure.isSkip { note(problem: "sync " + failure.summary) }
            notifier.status(await statusLine())
        }
        return result
    }

    func rerouteUpstream() async {
        let choice = UpstreamChoice.decide(settings: settings, recall: await syncRunner.recallUpstream())
        if choice.endpoint != client.endpoint {
            logger.notice("upstream changed", metadata: ["upstream": "\(choice.endpoint)", "source": "\(choice.source)"])
        }
        client.reroute(to: choice.endpoint)
        upstreamSource = choice.source
        servedModels.upstreamChanged()
    }

    // MARK: Model

    /// Pins the model `name` names (short names and aliases work) and persists the pin; nil when the
    /// name cannot be a model.
    func pin(model name: String) async -> (previous: String, resolution: ModelResolution)? {
        let previous = models.current.active.id
        guard let resolution = await models.pin(name) else { return nil }
        logger.notice("model pinned", metadata: ["model": "\(resolution)", "previous": "\(previous)"])
        notifier.status(await statusLine())
        return (previous, resolution)
    }

    func unpin() async -> (previous: String, active: String) {
        let previous = models.current.active.id
        await models.unpin()
        let active = models.current.active.id
        logger.notice("model pin removed", metadata: ["model": "\(models.current.active)", "previous": "\(previous)"])
        notifier.status(await statusLine())
        return (previous, active)
    }

    func modelSource() -> String {
        models.current.pinned != nil ? "ccmimoctl (\(pinnedModelFile.path))" : settings.source(of: .model).description
    }

    /// One log line for each model named by a retired id (configured, vision, pinned), so the user
    /// learns it once: at start, on reload and after a pin.
    func reportRetiredModels() {
        let snapshot = models.current
        let named: [(String, ModelResolution?, String)] = [
            ("model", snapshot.configured, settings.source(of: .model).description),
            ("vision_model", snapshot.vision, settings.source(of: .visionModel).description),
            ("pinned model", snapshot.pinned, "ccmimoctl model"),
        ]
        for case let (role, resolution?, source) in named where resolution.retirement != nil {
            logger.notice("\(role) \(resolution)", metadata: ["source": "\(source)"])
        }
    }

    // MARK: Status

    func note(problem: String) {
        lastProblem = (UTCTimestamp.iso8601(Date()), problem)
    }

    var lastError: (at: String?, message: String)? {
        get async {
            if let lastProblem { return (lastProblem.at, lastProblem.message) }
            if let message = activity.lastError { return (nil, message) }
            return nil
        }
    }

    /// The one line `systemctl status` shows.
    func statusLine() async -> String {
        let inFlight = activity.inFlight
        let served = activity.served
        var parts = ["serving \(models.current.active.id)", "\(inFlight) in flight", "\(served) served"]
        if let last = await syncRunner.lastRun { parts.append("sync: \(last.summary.prefix(80))") }
        if await syncRunner.recordProblem != nil { parts.append("sync record unreadable") }
        return parts.joined(separator: " · ")
    }
}
