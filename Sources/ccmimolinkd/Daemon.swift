import ConfigSync
import DaemonConfiguration
import Foundation
import Hummingbird
import Logging
import MimoUpstream
import NIOCore
import NIOPosix
import ProxyServer
import ResponseStore
import ServiceLifecycle
import Systemd
import UnixSignals
import UsageLedger

/// Wires the configured services together and serves until SIGTERM/SIGINT.
///
/// Start-up order matters for `READY=1`: listeners (inherited from systemd or bound here), the
/// response store, the start-up cc-switch sync and the upstream decision all happen first; the unit
/// becomes ready only when every listener accepts.
struct Daemon {
    /// How long in-flight responses may take to finish after SIGTERM before they are cancelled.
    /// The units' TimeoutStopSec leaves room for it.
    static let drainTimeout: Duration = .seconds(60)

    let settings: DaemonSettings
    let configuration: ConfigurationSource
    let environment: [String: String]

    func run() async throws {
        let level = Logger.Level(rawValue: settings.logLevel.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = ServiceLogHandler.make(label: label, identifier: "ccmimolinkd")
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "ccmimolinkd")
        logger.logLevel = level
        let notifier = ServiceNotifier()

        // Signals first: a SIGHUP during start-up must queue, not kill the process.
        let reloadSignals = await UnixSignalsSequence(trapping: .sighup)
        let wedgeHook = await WedgeHook.make(environment: environment, logger: logger)

        let listeners: DaemonListeners
        do {
            listeners = try DaemonListeners.open(settings: settings, logger: logger)
        } catch {
            logger.critical("\(error)")
            notifier.status("failed: \(error)")
            throw ExitCodeError(code: 71, message: "\(error)")  // EX_OSERR
        }

        let store: ResponseStore?
        let archive: any ResponseArchive
        do {
            let opened = try ResponseStore(directory: settings.stateDirectory,
                                           limits: ResponseStoreLimits(maxResponses: settings.storeMaxResponses,
                                                                       maxBytes: settings.storeMaxBytes))
            store = opened
            archive = opened
        } catch {
            // Serving Codex matters more than keeping old responses: run without persistence and say so.
            logger.error("response store unavailable, keeping responses in memory only", metadata: ["error": "\(error)"])
            store = nil
            archive = InMemoryResponseArchive(limit: settings.storeMaxResponses)
        }

        // A file it cannot use is logged (a damaged one moved aside) and usage counted in memory.
        let usage = UsageLedger(directory: settings.stateDirectory, logger: logger)

        let pinnedModelFile = PinnedModelFile(stateDirectory: settings.stateDirectory)
        let (pinned, pinProblem) = pinnedModelFile.read()
        if let pinProblem { logger.warning("\(pinProblem)") }
        let pinLogger = logger
        let models = ModelSelection(configured: settings.model, vision: settings.visionModel, pinned: pinned) { model in
            do {
                try pinnedModelFile.write(model)
            } catch {
                pinLogger.error("could not persist the model choice; it lasts until the daemon restarts",
                                metadata: ["path": "\(pinnedModelFile.path)", "error": "\(error)"])
            }
        }

        let syncRunner = SyncRunner(paths: SyncPaths.from(settings: settings, environment: environment),
                                    daemonURL: listeners.syncURL, logger: logger)
        if settings.skipCCSwitchSync {
            logger.info("cc-switch sync skipped (skip_cc_switch_sync)")
        } else {
            switch await syncRunner.sync() {
            case .success(let report): logger.notice("\(report.summary)", metadata: Self.notes(report))
            case .failure(let failure) where failure.isSkip: logger.info("cc-switch sync \(failure.summary)")
            case .failure(let failure): logger.error("cc-switch sync \(failure.summary)")
            }
        }
        let choice = UpstreamChoice.decide(settings: settings, recall: await syncRunner.recallUpstream())

        let admission = AdmissionGate(configuration: AdmissionConfiguration(
            maxConcurrent: settings.maxConcurrent, minSpacing: settings.minInterval,
            defaultBackoff: settings.backoffAfter429, maxWaiting: settings.maxWaiting))
        let client = MimoClient(
            endpoint: choice.endpoint,
            admission: admission,
            retryPolicy: RetryPolicy(maxRetries: settings.maxRetries),
            connectTimeout: settings.upstreamConnectTimeout,
            idleTimeout: settings.upstreamIdleTimeout,
            defaultBackoff: settings.backoffAfter429,
            logger: logger)

        let credentialsDirectory = environment["CREDENTIALS_DIRECTORY"]
        let environment = self.environment
        let servedModels = ServedModelsRefresher(
            client: client, models: models, file: ServedModelsFile(stateDirectory: settings.stateDirectory),
            daemonKey: { APIKeyResolver.resolve(header: { _ in nil }, credentialsDirectory: credentialsDirectory, environment: environment) },
            logger: logger)
        // What MiMo served when last asked; a fresh list is read in the background, never waited for.
        servedModels.loadStored()
        servedModels.refreshInBackground(reason: "start")
        var guardHosts: Set<String> = []
        if settings.allowNonLoopback { guardHosts.insert(settings.listen) }
        let activity = ProxyActivity()
        let controlClients = ControlClients()
        let idleExit = IdleExit.decide(settings: settings, socketActivated: listeners.activated,
                                       watch: IdleWatch(activity: activity, controlClients: controlClients, admission: admission))
        let dependencies = ProxyDependencies(
            upstream: client,
            archive: archive,
            usage: usage,
            models: models,
            logger: logger,
            settings: ProxySettings(keepaliveInterval: settings.keepaliveInterval, maxBodyBytes: settings.maxBodyBytes,
                                    defaultMaxOutputTokens: settings.maxOutputTokens,
                                    recoverTextToolCalls: settings.recoverTextToolCalls,
                                    requestGuard: RequestGuard(extraAllowedHosts: guardHosts)),
            resolveKey: { header in
                APIKeyResolver.resolve(header: header, credentialsDirectory: credentialsDirectory, environment: environment)
            },
            missingKeyMessage: MissingKeyAdvice.message,
            authAdvice: { key, error in
                AuthFailureAdvice.message(key: key, endpoint: client.endpoint, upstreamMessage: error.description)
            },
            activity: activity, modelRefresh: servedModels)

        let runtime = DaemonRuntime(
            settings: settings, configuration: configuration, environment: environment, client: client, models: models,
            pinnedModelFile: pinnedModelFile, servedModels: servedModels, store: store, usage: usage, activity: activity, syncRunner: syncRunner, notifier: notifier,
            logger: logger, httpURLs: listeners.httpURLs, controlSocket: listeners.controlPath,
            socketActivated: listeners.activated, watchdog: WatchdogSchedule.current(), upstreamSource: choice.source,
            idleExit: idleExit)
        await runtime.reportRetiredModels()

        let httpURLs = listeners.httpURLs
        let activated = listeners.activated
        let readyLogger = logger
        let readiness = Readiness(waitingFor: listeners.names) {
            // Unbuffered, so scripts waiting for this line see it at once.
            for url in httpURLs { FileHandle.standardOutput.write(Data("ccmimolinkd: listening on \(url)\n".utf8)) }
            let model = models.current.active.description
            let key = await runtime.daemonKey().map { "\($0.redacted) from \($0.source)" } ?? "none (requests bring their own)"
            readyLogger.notice("ready", metadata: ["daemon_key": "\(key)", "urls": "\(httpURLs.joined(separator: " "))", "upstream": "\(client.endpoint)",
                                                  "upstream_source": "\(choice.source)", "model": "\(model)",
                                                  "socket_activated": "\(activated)"])
            notifier.ready(status: await runtime.statusLine())
        }

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        func auxiliary(_ service: some Service, _ name: String) {
            services.append(.init(service: service, successTerminationBehavior: .ignore,
                                  failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: name))
        }
        if let schedule = WatchdogSchedule.current() {
            auxiliary(WatchdogService(schedule: schedule, notifier: notifier, group: .singleton), "watchdog")
        }
        auxiliary(StatusReporter(runtime: runtime, notifier: notifier), "status")
        auxiliary(ReloadSignalService(signals: reloadSignals, runtime: runtime), "reload")
        if let wedgeHook { auxiliary(wedgeHook, "wedge-hook") }
        for service in listeners.controlServices(runtime: runtime, readiness: readiness, logger: logger,
                                                 onConnection: controlClients.connection(opened:)) {
            auxiliary(service, "control")
        }
        let router = ProxyRouter.build(dependencies)
        for (fd, name) in listeners.http {
            services.append(.init(service: HTTPListenerService(listeningFD: fd, responder: router.buildResponder(), logger: logger,
                                                               activity: activity) { _ in
                await readiness.arrived(name)
            }, serviceName: name))
        }
        // Last in the list, so the first to hear of a graceful shutdown.
        let idleAnnouncement = IdleExitAnnouncement()
        if case .on(let policy, let watch) = idleExit {
            // Its normal end is the idle exit itself: the group then shuts down gracefully.
            services.append(.init(service: IdleExitService(policy: policy, watch: watch, announcement: idleAnnouncement,
                                                           logger: logger),
                                  successTerminationBehavior: .gracefullyShutdownGroup,
                                  failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "idle-exit"))
        }
        auxiliary(ShutdownNotifier(notifier: notifier, idleExit: idleAnnouncement) { activity.inFlight }, "stopping")

        var groupConfiguration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                           logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = Self.drainTimeout
        var failure: (any Error)?
        do {
            try await ServiceGroup(configuration: groupConfiguration).run()
        } catch {
            failure = error
            logger.error("stopping after a failure", metadata: ["error": "\(error)"])
        }
        // Always release what the group used, whatever ended it.
        listeners.removeOwnControlSocket()
        try? await client.shutdown()
        try? await store?.close()
        await usage.close()
        if let failure { throw failure }
        logger.notice("stopped")
    }

    static func notes(_ report: SyncReport) -> Logger.Metadata {
        report.notes.isEmpty ? [:] : ["notes": "\(report.notes.joined(separator: " | "))"]
    }
}

/// Ends the process with a specific exit code after the message was logged.
struct ExitCodeError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { message }
}
