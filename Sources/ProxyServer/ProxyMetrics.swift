import Foundation

/// Counters, gauges and histograms rendered as Prometheus text for `GET /metrics`. Label values are
/// model ids, status codes and outcomes only — never keys or request content.
public actor ProxyMetrics {
    private struct Series: Hashable {
        var name: String
        var labels: [String: String]
    }

    private var counters: [Series: Double] = [:]
    private var gauges: [Series: Double] = [:]
    private var histograms: [Series: (buckets: [Double], counts: [Int], sum: Double, count: Int)] = [:]
    private let help: [String: (type: String, text: String)] = [
        "ccmimolink_requests_total": ("counter", "Responses API requests by endpoint and HTTP status."),
        "ccmimolink_upstream_requests_total": ("counter", "MiMo requests by model and outcome."),
        "ccmimolink_upstream_retries_total": ("counter", "MiMo requests retried before the first byte reached the client."),
        "ccmimolink_in_flight_streams": ("gauge", "Responses currently streaming."),
        "ccmimolink_tokens_total": ("counter", "Tokens reported by MiMo, by direction."),
        "ccmimolink_time_to_first_byte_seconds": ("histogram", "From request to the first upstream chunk."),
        "ccmimolink_response_duration_seconds": ("histogram", "From request to the end of the response."),
        "ccmimolink_translation_notes_total": ("counter", "Things the translation dropped, repaired or approximated, by kind."),
    ]
    static let latencyBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

    public init() {}

    public func increment(_ name: String, _ labels: [String: String] = [:], by value: Double = 1) {
        counters[Series(name: name, labels: labels), default: 0] += value
    }

    public func adjust(_ name: String, _ labels: [String: String] = [:], by delta: Double) {
        gauges[Series(name: name, labels: labels), default: 0] += delta
    }

    public func observe(_ name: String, _ labels: [String: String] = [:], seconds: Double) {
        let key = Series(name: name, labels: labels)
        var h = histograms[key] ?? (Self.latencyBuckets, Array(repeating: 0, count: Self.latencyBuckets.count), 0, 0)
        for (i, bound) in h.buckets.enumerated() where seconds <= bound { h.counts[i] += 1 }
        h.sum += seconds
        h.count += 1
        histograms[key] = h
    }

    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        counters[Series(name: name, labels: labels)] ?? gauges[Series(name: name, labels: labels)] ?? 0
    }

    public func render() -> String {
        var out = ""
        var names = Set(counters.keys.map(\.name)).union(gauges.keys.map(\.name)).union(histograms.keys.map(\.name))
        names.insert("ccmimolink_in_flight_streams")
        for name in names.sorted() {
            if let h = help[name] { out += "# HELP \(name) \(h.text)\n# TYPE \(name) \(h.type)\n" }
            for (series, value) in counters.filter({ $0.key.name == name }).sorted(by: { Self.labelText($0.key.labels) < Self.labelText($1.key.labels) }) {
                out += "\(name)\(Self.labelText(series.labels)) \(Self.format(value))\n"
            }
            let gaugeSeries = gauges.filter { $0.key.name == name }
            if name == "ccmimolink_in_flight_streams" && gaugeSeries.isEmpty { out += "\(name) 0\n" }
            for (series, value) in gaugeSeries.sorted(by: { Self.labelText($0.key.labels) < Self.labelText($1.key.labels) }) {
                out += "\(name)\(Self.labelText(series.labels)) \(Self.format(value))\n"
            }
            for (series, h) in histograms.filter({ $0.key.name == name }).sorted(by: { Self.labelText($0.key.labels) < Self.labelText($1.key.labels) }) {
                for (i, bound) in h.buckets.enumerated() {
                    out += "\(name)_bucket\(Self.labelText(series.labels.merging(["le": Self.format(bound)]) { a, _ in a })) \(h.counts[i])\n"
                }
                out += "\(name)_bucket\(Self.labelText(series.labels.merging(["le": "+Inf"]) { a, _ in a })) \(h.count)\n"
                out += "\(name)_sum\(Self.labelText(series.labels)) \(Self.format(h.sum))\n"
                out += "\(name)_count\(Self.labelText(series.labels)) \(h.count)\n"
            }
        }
        return out
    }

    static func labelText(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "" }
        let parts = labels.sorted { $0.key < $1.key }.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(escaped)\""
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
