import Logging
import MimoUpstream
import UsageLedger

/// Everything the HTTP surface talks to, injected so tests can substitute any part.
public struct ProxyDependencies: Sendable {
    public var upstream: any ChatUpstream
    public var archive: (any ResponseArchive)?
    /// Where each request's tokens are counted per day and model; nil: nowhere (tests).
    public var usage: UsageLedger?
    public var models: ModelSelection
    public var metrics: ProxyMetrics
    public var logger: Logger
    public var settings: ProxySettings
    /// Finds the MiMo key for a request from its headers (then credentials, then environment).
    public var resolveKey: @Sendable (_ header: (String) -> String?) -> MimoAPIKey?
    /// The 401 message when there is no key anywhere: says where to put one.
    public var missingKeyMessage: String
    /// The message for an upstream 401/403: names the likely cause (host, region, key kind).
    public var authAdvice: @Sendable (_ key: MimoAPIKey?, _ error: UpstreamError) -> String
    /// Counters the control plane reports.
    public var activity: ProxyActivity
    /// Keeps the upstream's model list fresh; nil: the lineup changes only when told.
    public var modelRefresh: (any ServedModelsRefreshing)?

    public init(upstream: any ChatUpstream, archive: (any ResponseArchive)?, usage: UsageLedger? = nil, models: ModelSelection,
                metrics: ProxyMetrics = ProxyMetrics(), logger: Logger, settings: ProxySettings,
                resolveKey: @escaping @Sendable ((String) -> String?) -> MimoAPIKey?, missingKeyMessage: String,
                authAdvice: @escaping @Sendable (MimoAPIKey?, UpstreamError) -> String = { _, e in "MiMo refused the key: \(e.description)" },
                activity: ProxyActivity = ProxyActivity(), modelRefresh: (any ServedModelsRefreshing)? = nil) {
        self.upstream = upstream
        self.archive = archive
        self.usage = usage
        self.models = models
        self.metrics = metrics
        self.logger = logger
        self.settings = settings
        self.resolveKey = resolveKey
        self.missingKeyMessage = missingKeyMessage
        self.authAdvice = authAdvice
        self.activity = activity
        self.modelRefresh = modelRefresh
    }
}

import ResponsesTranslation
import NIOConcurrencyHelpers

/// Live counters for `ccmimoctl status`, `/health` and the idle exit. Every request updates it twice
/// from its connection's event loop: a lock, not an actor (docs/ARCHITECTURE.md, "Locks, not actors").
public final class ProxyActivity: Sendable {
    private struct Counts: Sendable {
        var inFlight = 0
        var served = 0
        var openConnections = 0
        var lastError: String?
        var lastActivity = ContinuousClock.now
    }

    private let counts = NIOLockedValueBox(Counts())
    public let startedAt = ContinuousClock.now

    public init() {}

    public var inFlight: Int { counts.withLockedValue { $0.inFlight } }
    public var served: Int { counts.withLockedValue { $0.served } }
    public var lastError: String? { counts.withLockedValue { $0.lastError } }
    /// HTTP connections open now, idle keep-alive ones included.
    public var openConnections: Int { counts.withLockedValue { $0.openConnections } }
    /// When a request, a response or a connection last began or ended.
    public var lastActivity: ContinuousClock.Instant { counts.withLockedValue { $0.lastActivity } }

    func began() {
        counts.withLockedValue {
            $0.inFlight += 1
            $0.lastActivity = .now
        }
    }

    func ended(error: String?) {
        counts.withLockedValue { counts in
            counts.inFlight -= 1
            counts.served += 1
            counts.lastActivity = .now
            if let error { counts.lastError = error }
        }
    }

    func connectionOpened() {
        counts.withLockedValue {
            $0.openConnections += 1
            $0.lastActivity = .now
        }
    }

    func connectionClosed() {
        counts.withLockedValue {
            $0.openConnections -= 1
            $0.lastActivity = .now
        }
    }
}
