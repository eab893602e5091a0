import DaemonConfiguration
import Foundation
import Hummingbird
import Logging
import MimoUpstream
import ProxyServer
import ResponseStore

/// Wires the configured services together and serves until SIGTERM/SIGINT.
struct Daemon {
    let settings: DaemonSettings
    let environment: [String: String]

    func run() async throws {
        let level = Logger.Level(rawValue: settings.logLevel.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "ccmimolinkd")
        logger.logLevel = level

        let endpoint = UpstreamEndpoint(mode: UpstreamMode(rawValue: settings.mode.rawValue) ?? .standard,
                                        baseURLOverride: settings.baseURL)
        let client = MimoClient(
            endpoint: endpoint,
            admission: AdmissionGate(configuration: AdmissionConfiguration(
                maxConcurrent: settings.maxConcurrent, minSpacing: settings.minInterval,
                defaultBackoff: settings.backoffAfter429)),
            retryPolicy: RetryPolicy(maxRetries: settings.maxRetries),
            connectTimeout: settings.upstreamConnectTimeout,
            idleTimeout: settings.upstreamIdleTimeout,
            defaultBackoff: settings.backoffAfter429,
            logger: logger)

        let archive: any ResponseArchive
        do {
            let store = try ResponseStore(directory: settings.stateDirectory,
                                          limits: ResponseStoreLimits(maxResponses: settings.storeMaxResponses,
                                                                      maxBytes: settings.storeMaxBytes))
            archive = store
        } catch {
            // Serving Codex matters more than keeping old responses: run without persistence and say so.
            logger.error("response store unavailable, keeping responses in memory only", metadata: ["error": "\(error)"])
            archive = InMemoryResponseArchive(limit: settings.storeMaxResponses)
        }

        let credentialsDirectory = environment["CREDENTIALS_DIRECTORY"]
        let environment = self.environment
        var guardHosts: Set<String> = []
        if settings.allowNonLoopback { guardHosts.insert(settings.listen) }
        let dependencies = ProxyDependencies(
            upstream: client,
            archive: archive,
            models: ModelSelection(active: settings.model),
            logger: logger,
            settings: ProxySettings(keepaliveInterval: settings.keepaliveInterval, maxBodyBytes: settings.maxBodyBytes,
                                    defaultMaxOutputTokens: settings.maxOutputTokens,
                                    recoverTextToolCalls: settings.recoverTextToolCalls,
                                    requestGuard: RequestGuard(extraAllowedHosts: guardHosts)),
            resolveKey: { header in
                APIKeyResolver.resolve(header: header, credentialsDirectory: credentialsDirectory, environment: environment)
                    .map { ResolvedKey(value: $0.value, description: "\($0.redacted) from \($0.source)") }
            },
            missingKeyMessage: MissingKeyAdvice.message,
            authAdvice: { key, error in
                AuthFailureAdvice.message(key: key.map { MimoAPIKey(value: $0.value, source: .environment) },
                                          endpoint: endpoint, upstreamMessage: error.description)
            })

        let host = settings.listen
        let startupLogger = logger
        let app = Application(
            router: ProxyRouter.build(dependencies),
            configuration: ApplicationConfiguration(address: .hostname(host, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let display = host.contains(":") ? "[\(host)]" : host
                startupLogger.notice("listening", metadata: ["url": "http://\(display):\(port)/v1", "upstream": "\(endpoint)",
                                                      "model": "\(settings.model)"])
                // Unbuffered, so scripts waiting for this line see it at once.
                FileHandle.standardOutput.write(Data("ccmimolinkd: listening on http://\(display):\(port)/v1\n".utf8))
            },
            logger: logger)
        try await app.runService()
        try await client.shutdown()
    }
}
