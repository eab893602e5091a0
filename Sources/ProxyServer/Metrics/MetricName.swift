import Prometheus

/// Every series `GET /metrics` serves, with its type, help text and label names. A Prometheus scraper
/// stores each under this name and type and shows the help; dashboards and alerts select on the names
/// and labels, so changing one breaks them.
enum MetricName: String, Sendable, CaseIterable {
    case requests = "ccmimolink_requests_total"
    case upstreamRequests = "ccmimolink_upstream_requests_total"
    case inFlight = "ccmimolink_in_flight_streams"
    case tokens = "ccmimolink_tokens_total"
    case usageRequests = "ccmimolink_usage_requests_total"
    case usageFailed = "ccmimolink_usage_failed_total"
    case usageTokens = "ccmimolink_usage_tokens_total"
    case timeToFirstByte = "ccmimolink_time_to_first_byte_seconds"
    case responseDuration = "ccmimolink_response_duration_seconds"
    case translationNotes = "ccmimolink_translation_notes_total"

    /// The `# TYPE` of the series.
    enum MetricType: String, Sendable {
        case counter, gauge, histogram
    }

    var type: MetricType {
        switch self {
        case .inFlight: .gauge
        case .timeToFirstByte, .responseDuration: .histogram
        case .requests, .upstreamRequests, .tokens, .usageRequests, .usageFailed, .usageTokens, .translationNotes: .counter
        }
    }

    var help: String {
        switch self {
        case .requests: "Responses API requests by endpoint and HTTP status."
        case .upstreamRequests: "MiMo requests by model and outcome."
        case .inFlight: "Responses API requests in flight, streaming or not."
        case .tokens: "Tokens reported by MiMo, by direction."
        case .usageRequests: "Requests counted in the usage ledger, by upstream model."
        case .usageFailed: "Turns that ended without an answer, by upstream model."
        case .usageTokens:
            "Tokens counted in the usage ledger, by upstream model and kind (fresh_input, cached_input, output, reasoning; reasoning is part of output)."
        case .timeToFirstByte: "From request to the first upstream chunk."
        case .responseDuration: "From request to the end of the response."
        case .translationNotes: "Things the translation dropped, repaired or approximated, by kind."
        }
    }

    /// In alphabetical order, the order the series' lines show them in.
    var labels: [MetricLabel] {
        switch self {
        case .requests: [.endpoint, .status]
        case .upstreamRequests: [.model, .outcome]
        case .inFlight: []
        case .tokens: [.direction]
        case .usageRequests, .usageFailed, .timeToFirstByte, .responseDuration: [.model]
        case .usageTokens: [.kind, .model]
        case .translationNotes: [.kind]
        }
    }

    /// The upper bounds of the histograms' buckets (`le`), in seconds.
    static let latencyBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500),
        .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
    ]

    var descriptor: MetricNameDescriptor { MetricNameDescriptor(metricName: rawValue, unitName: "", helpText: help) }
}
