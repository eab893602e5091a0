import ProxyServer
import ResponsesTranslation
import UsageLedger

// What `/metrics` costs a request, and what a scrape costs. Not a test; run it in release mode:
//   swift run -c release MetricsBenchmark            (full)
//   swift run -c release MetricsBenchmark --quick    (fewer iterations)
// A request pays `responseBegan()` and `responseEnded(_:)` on its connection's event loop, so that is
// what is timed: many requests in a row, the mean per request, the median of several rounds.

let quick = CommandLine.arguments.contains("--quick")
let clock = ContinuousClock()
let rounds = quick ? 3 : 9
let requestsPerRound = quick ? 20_000 : 200_000

func nanoseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
}

func median(_ samples: [Double]) -> Double { samples.sorted()[samples.count / 2] }

/// A streamed answer with usage, as most of Codex's requests end.
func answered(model: String, notes: [TranslationNote] = []) -> EndedResponse {
    EndedResponse(outcome: .completed, httpStatus: 200, upstreamModel: model, duration: .milliseconds(2_400),
                  timeToFirstByte: .milliseconds(640),
                  usage: Usage(inputTokens: 48_000, cachedTokens: 46_000, outputTokens: 600, reasoningTokens: 200),
                  notes: notes,
                  counts: .request(inputTokens: 48_000, cachedTokens: 46_000, outputTokens: 600, reasoningTokens: 200, failed: false))
}

/// Nanoseconds per request: the median over rounds of the mean over a round.
func perRequest(_ metrics: ProxyMetrics, _ ends: [EndedResponse]) -> Double {
    var means: [Double] = []
    for _ in 0..<rounds {
        let start = clock.now
        for i in 0..<requestsPerRound {
            metrics.responseBegan()
            metrics.responseEnded(ends[i % ends.count])
        }
        means.append(nanoseconds(clock.now - start) / Double(requestsPerRound))
    }
    return median(means)
}

print("| case | per request |")
print("|---|---|")

let models = ["mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.6-pro-ultraspeed"]
let plain = perRequest(ProxyMetrics(), [answered(model: models[0])])
print("| one model, answered with usage | \(Int(plain.rounded())) ns |")

let mixed = perRequest(ProxyMetrics(), models.map { answered(model: $0) } + [
    EndedResponse(outcome: .error, httpStatus: 429, upstreamModel: models[0], duration: .milliseconds(30), timeToFirstByte: nil,
                  usage: nil, notes: [], counts: .request(inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0, failed: true)),
])
print("| three models and a 429, in turn | \(Int(mixed.rounded())) ns |")

let noted = perRequest(ProxyMetrics(), [answered(model: models[0], notes: [
    TranslationNote(.droppedField, "prompt_cache_key"), TranslationNote(.placeholderReasoning, "reasoning item"),
])])
print("| one model, two translation notes | \(Int(noted.rounded())) ns |")

// A scrape: the text for the series those requests made.
let scraped = ProxyMetrics()
for end in models.map({ answered(model: $0, notes: [TranslationNote(.droppedField, "x")]) }) {
    scraped.responseBegan()
    scraped.responseEnded(end)
}
var renders: [Double] = []
var bytes = 0
for _ in 0..<(quick ? 200 : 2_000) {
    let start = clock.now
    bytes = scraped.render().utf8.count
    renders.append(nanoseconds(clock.now - start) / 1_000)
}
print("| GET /metrics text, three models (\(bytes) bytes) | \(Int(median(renders).rounded())) µs |")
