import Foundation
import NIOConcurrencyHelpers
import ResponsesTranslation

/// Counters, gauges and histograms rendered as Prometheus text for `GET /metrics`. Label values are
/// model ids, status codes and outcomes only — never keys or request content.
///
/// A lock around value-type state rather than an actor: every request updates these a dozen times
/// from its connection's event loop, and each call into an actor there costs two event-loop jobs
/// (docs/PERFORMANCE.md); the critical sections are a dictionary update each.
public final class ProxyMetrics: Sendable {
    private struct Series: Hashable, Sendable {
        var name: String
        var labels: [String: String]
    }

    private struct Histogram: Sendable {
        var counts = Array(repeating: 0, count: ProxyMetrics.latencyBuckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct State: Sendable {
        var counters: [Series: Double] = [:]
        var gauges: [Series: Double] = [:]
        var histograms: [Series: Histogram] = [:]
    }

    private let state = NIOLockedValueBox(State())
    private static let help: [String: (type: String, text: String)] = [
        "ccmimolink_requests_total": ("counter", "Responses API requests by endpoint and HTTP status."),
        "ccmimolink_upstream_requests_total": ("counter", "MiMo requests by model and outcome."),
        "ccmimolink_upstream_retries_total": ("counter", "MiMo requests retried before the first byte reached the client."),
        "ccmimolink_in_flight_streams": ("gauge", "Responses currently streaming."),
        "ccmimolink_tokens_total": ("counter", "Tokens reported by MiMo, by direction."),
        "ccmimolink_usage_requests_total": ("counter", "Requests counted in the usage ledger, by upstream model."),
        "ccmimolink_usage_failed_total": ("counter", "Turns that ended without an answer, by upstream model."),
        "ccmimolink_usage_tokens_total": ("counter", "Tokens counted in the usage ledger, by upstream model and kind (fresh_input, cached_input, output, reasoning; reasoning is part of output)."),
        "ccmimolink_time_to_first_byte_seconds": ("histogram", "From request to the first upstream chunk."),
        "ccmimolink_response_duration_seconds": ("histogram", "From request to the end of the response."),
        "ccmimolink_translation_notes_total": ("counter", "Things the translation dropped, repaired or approximated, by kind."),
    ]
    static let latencyBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

    public init() {}

    /// A request to `/v1/responses` began.
    package func responseBegan() {
        adjust("ccmimolink_in_flight_streams", by: 1)
    }

    /// A request ended, however it ended.
    package func responseEnded(_ ended: EndedResponse) {
        let model = ended.upstreamModel
        adjust("ccmimolink_in_flight_streams", by: -1)
        increment("ccmimolink_requests_total", ["endpoint": "responses", "status": String(ended.httpStatus)])
        increment("ccmimolink_upstream_requests_total", ["model": model, "outcome": ended.outcome.rawValue])
        observe("ccmimolink_response_duration_seconds", ["model": model], seconds: ended.duration.inSeconds)
        if let ttfb = ended.timeToFirstByte {
            observe("ccmimolink_time_to_first_byte_seconds", ["model": model], seconds: ttfb.inSeconds)
        }
        if let usage = ended.usage {
            increment("ccmimolink_tokens_total", ["direction": "input"], by: Double(usage.inputTokens))
            increment("ccmimolink_tokens_total", ["direction": "output"], by: Double(usage.outputTokens))
        }
        for note in ended.notes { increment("ccmimolink_translation_notes_total", ["kind": note.kind.rawValue]) }
        // The usage ledger's counters: the same numbers the ledger adds to its day rows, so a dashboard
        // and `ccmimoctl usage` agree.
        let counts = ended.counts
        increment("ccmimolink_usage_requests_total", ["model": model], by: Double(counts.requests))
        if counts.failed > 0 { increment("ccmimolink_usage_failed_total", ["model": model], by: Double(counts.failed)) }
        for (kind, tokens) in [("fresh_input", counts.freshInputTokens), ("cached_input", counts.cachedInputTokens),
                               ("output", counts.outputTokens), ("reasoning", counts.reasoningTokens)] {
            increment("ccmimolink_usage_tokens_total", ["model": model, "kind": kind], by: Double(tokens))
        }
    }

    public func increment(_ name: String, _ labels: [String: String] = [:], by value: Double = 1) {
        let key = Series(name: name, labels: labels)
        state.withLockedValue { $0.counters[key, default: 0] += value }
    }

    public func adjust(_ name: String, _ labels: [String: String] = [:], by delta: Double) {
        let key = Series(name: name, labels: labels)
        state.withLockedValue { $0.gauges[key, default: 0] += delta }
    }

    public func observe(_ name: String, _ labels: [String: String] = [:], seconds: Double) {
        let key = Series(name: name, labels: labels)
        state.withLockedValue { state in
            var h = state.histograms[key] ?? Histogram()
            for (i, bound) in Self.latencyBuckets.enumerated() where seconds <= bound { h.counts[i] += 1 }
            h.sum += seconds
            h.count += 1
            state.histograms[key] = h
        }
    }

    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        let key = Series(name: name, labels: labels)
        return state.withLockedValue { $0.counters[key] ?? $0.gauges[key] ?? 0 }
    }

    public func render() -> String {
        let (counters, gauges, histograms) = state.withLockedValue { ($0.counters, $0.gauges, $0.histograms) }
        var out = ""
        var names = Set(counters.keys.map(\.name)).union(gauges.keys.map(\.name)).union(histograms.keys.map(\.name))
        names.insert("ccmimolink_in_flight_streams")
        for name in names.sorted() {
            if let h = Self.help[name] { out += "# HELP \(name) \(h.text)\n# TYPE \(name) \(h.type)\n" }
            for (series, value) in counters.filter({ $0.key.name == name }).sorted(by: { Self.labelText($0.key.labels) < Self.labelText($1.key.labels) }) {
                out += "\(name)\(Self.labelText(series.labels)) \(Self.format(value))\n"
            }
            let gaugeSeries = gauges.filter { $0.key.name == name }
            if name == "ccmimolink_in_flight_streams" && gaugeSeries.isEmpty { out += "\(name) 0\n" }
            for (series, value) in gaugeSeries.sorted(by: { Self.labelText($0.key.labels) < Self.labelText($1.key.labels) }) {
                out += "\(name)\(Self.labelText(series.labels)) \(Self.format(value))\n"
            }
            for (series, h) in histograms.filter({ $0.key.name == name }).sorted(by: { Self.labelText($0.key.labels) < Self.labelText($1.key.labels) }) {
                for (i, bound) in Self.latencyBuckets.enumerated() {
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
