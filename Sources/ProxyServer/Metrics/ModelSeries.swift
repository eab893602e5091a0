import Prometheus

/// The series of one upstream model, all made the first time the model ends a request (each outcome
/// counter starts at 0, so a rate over it never begins with a missing series).
struct ModelSeries: Sendable {
    let requests: [ExchangeOutcome: Counter]
    let responseDuration: DurationHistogram
    let timeToFirstByte: DurationHistogram
    let usageRequests: Counter
    let usageFailed: Counter
    let usageTokens: [UsageTokenKind: Counter]

    init(model: String, in registry: PrometheusCollectorRegistry) {
        requests = Dictionary(uniqueKeysWithValues: ExchangeOutcome.allCases.map {
            ($0, registry.counter(.upstreamRequests, [.model: model, .outcome: $0.rawValue]))
        })
        responseDuration = registry.histogram(.responseDuration, [.model: model])
        timeToFirstByte = registry.histogram(.timeToFirstByte, [.model: model])
        usageRequests = registry.counter(.usageRequests, [.model: model])
        usageFailed = registry.counter(.usageFailed, [.model: model])
        usageTokens = Dictionary(uniqueKeysWithValues: UsageTokenKind.allCases.map {
            ($0, registry.counter(.usageTokens, [.kind: $0.rawValue, .model: model]))
        })
    }
}
