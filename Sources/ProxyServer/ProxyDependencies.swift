import Logging
import MimoUpstream

/// Everything the HTTP surface talks to, injected so tests can substitute any part.
public struct ProxyDependencies: Sendable {
    public var upstream: any ChatUpstream
    public var archive: (any ResponseArchive)?
    public var models: ModelSelection
    public var metrics: ProxyMetrics
    public var logger: Logger
    public var settings: ProxySettings
    /// Finds the MiMo key for a request from its headers (then credentials, then environment).
    public var resolveKey: @Sendable (_ header: (String) -> String?) -> ResolvedKey?
    /// The 401 message when there is no key anywhere: says where to put one.
    public var missingKeyMessage: String
    /// The message for an upstream 401/403: names the likely cause (host, region, key kind).
    public var authAdvice: @Sendable (_ key: ResolvedKey?, _ error: UpstreamError) -> String
    /// Counters the control plane reports.
    public var activity: ProxyActivity

    public init(upstream: any ChatUpstream, archive: (any ResponseArchive)?, models: ModelSelection,
                metrics: ProxyMetrics = ProxyMetrics(), logger: Logger, settings: ProxySettings,
                resolveKey: @escaping @Sendable ((String) -> String?) -> ResolvedKey?, missingKeyMessage: String,
                authAdvice: @escaping @Sendable (ResolvedKey?, UpstreamError) -> String = { _, e in "MiMo refused the key: \(e.description)" },
                activity: ProxyActivity = ProxyActivity()) {
        self.upstream = upstream
        self.archive = archive
        self.models = models
        self.metrics = metrics
        self.logger = logger
        self.settings = settings
        self.resolveKey = resolveKey
        self.missingKeyMessage = missingKeyMessage
        self.authAdvice = authAdvice
        self.activity = activity
    }
}

import ResponsesTranslation

/// Live counters for `ccmimoctl status` and `/health`.
public actor ProxyActivity {
    public private(set) var inFlight = 0
    public private(set) var served = 0
    public private(set) var lastError: String?
    public let startedAt = ContinuousClock.now

    public init() {}

    func began() { inFlight += 1 }

    func ended(error: String?) {
        inFlight -= 1
        served += 1
        if let error { lastError = error }
    }
}
