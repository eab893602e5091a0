import Prometheus

/// Series made by `MetricName`, so the type, help text and label names come from its one home.
extension PrometheusCollectorRegistry {
    func counter(_ name: MetricName, _ labels: [MetricLabel: String] = [:]) -> Counter {
        precondition(name.type == .counter, "\(name.rawValue) is a \(name.type.rawValue)")
        return makeCounter(descriptor: name.descriptor, labels: Self.labels(of: name, labels))
    }

    func gauge(_ name: MetricName) -> Gauge {
        precondition(name.type == .gauge && name.labels.isEmpty, "\(name.rawValue) is a \(name.type.rawValue)")
        return makeGauge(descriptor: name.descriptor)
    }

    func histogram(_ name: MetricName, _ labels: [MetricLabel: String]) -> DurationHistogram {
        precondition(name.type == .histogram, "\(name.rawValue) is a \(name.type.rawValue)")
        return makeDurationHistogram(descriptor: name.descriptor, labels: Self.labels(of: name, labels),
                                     buckets: MetricName.latencyBuckets)
    }

    /// The labels in the series' order; a missing or extra one is a programming error.
    private static func labels(of name: MetricName, _ values: [MetricLabel: String]) -> [(String, String)] {
        precondition(Set(values.keys) == Set(name.labels), "\(name.rawValue) takes the labels \(name.labels)")
        return name.labels.map { ($0.rawValue, values[$0] ?? "") }
    }
}
