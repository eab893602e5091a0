import Prometheus
import ResponsesTranslation

/// The daemon's counters, gauge and histograms, served as Prometheus text on `GET /metrics` by
/// swift-prometheus from a registry of this instance's own: no process-wide bootstrap, so every daemon
/// and every test counts apart. Label values are model ids, statuses, outcomes and fixed words
/// (`MetricLabel`), never keys or request content.
///
/// A request updates these from its connection's event loop without suspending (docs/ARCHITECTURE.md,
/// "Locks, not actors"): its series are found with a lookup or two under a lock, then updated with
/// atomics (histograms take their own short lock).
public final class ProxyMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let inFlight: Gauge
    private let tokens: [TokenDirection: Counter]
    private let requests: SeriesCache<Int, Counter>
    private let models: SeriesCache<String, ModelSeries>
    private let notes: SeriesCache<TranslationNote.Kind, Counter>

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        // Made up front, so a scrape before the first request already shows them at 0.
        inFlight = registry.gauge(.inFlight)
        tokens = Dictionary(uniqueKeysWithValues: TokenDirection.allCases.map { ($0, registry.counter(.tokens, [.direction: $0.rawValue])) })
        requests = SeriesCache { status in
            registry.counter(.requests, [.endpoint: MetricEndpoint.responses.rawValue, .status: String(status)])
        }
        models = SeriesCache { model in ModelSeries(model: model, in: registry) }
        notes = SeriesCache { kind in registry.counter(.translationNotes, [.kind: kind.rawValue]) }
    }

    /// A request to `/v1/responses` began.
    package func responseBegan() {
        inFlight.increment()
    }

    /// A request ended, however it ended.
    package func responseEnded(_ ended: EndedResponse) {
        inFlight.decrement()
        requests[ended.httpStatus].increment()
        let model = models[ended.upstreamModel]
        model.requests[ended.outcome]?.increment()
        model.responseDuration.record(ended.duration)
        if let ttfb = ended.timeToFirstByte { model.timeToFirstByte.record(ttfb) }
        if let usage = ended.usage {
            Self.add(usage.inputTokens, to: tokens[.input])
            Self.add(usage.outputTokens, to: tokens[.output])
        }
        for note in ended.notes { notes[note.kind].increment() }
        // The usage ledger's counts, so a dashboard and `ccmimoctl usage` agree.
        let counts = ended.counts
        Self.add(counts.requests, to: model.usageRequests)
        Self.add(counts.failed, to: model.usageFailed)
        Self.add(counts.freshInputTokens, to: model.usageTokens[.freshInput])
        Self.add(counts.cachedInputTokens, to: model.usageTokens[.cachedInput])
        Self.add(counts.outputTokens, to: model.usageTokens[.output])
        Self.add(counts.reasoningTokens, to: model.usageTokens[.reasoning])
    }

    /// A counter only goes up (swift-prometheus stops the process on a negative step): a count below
    /// zero from MiMo adds nothing.
    private static func add(_ count: Int, to counter: Counter?) {
        counter?.increment(by: Int64(max(0, count)))
    }

    /// The Prometheus text exposition of every series.
    public func render() -> String {
        registry.emitToString()
    }
}
