import ResponsesTranslation

// Translation benchmark: prints one table. Not a test; run it in release mode:
//   swift run -c release TranslationBenchmark            (full)
//   swift run -c release TranslationBenchmark --quick    (fewer iterations, for CI smoke)

let quick = CommandLine.arguments.contains("--quick")
let clock = ContinuousClock()

func percentile(_ samples: [Double], _ p: Double) -> Double {
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
}

struct Row { var name: String; var unit: String; var p50: Double; var p99: Double; var target: String }
var rows: [Row] = []

/// Request path: body bytes → JSON → Responses request → Chat request → body bytes.
@MainActor func requestCase(megabytes: Double, iterations: Int, target: String) {
    let body = CodexHistory.body(targetBytes: Int(megabytes * 1_048_576))
    let options = TranslationOptions(activeModel: "mimo-v2.6-pro")
    var samples: [Double] = []
    var sink = 0
    for i in 0..<(iterations + 3) {
        let start = clock.now
        let parsed = try! JSONValue.parse(body)
        let translated = try! RequestTranslator.translate(body: parsed, options: options)
        sink &+= translated.body.serializedBytes().count
        if i >= 3 { samples.append(milliseconds(clock.now - start)) }
    }
    precondition(sink > 0)
    let size = String(format1(Double(body.count) / 1_048_576))
    rows.append(Row(name: "request \(size) MB (parse+translate+encode)", unit: "ms", p50: percentile(samples, 0.5),
                    p99: percentile(samples, 0.99), target: target))
}

/// Stream path per chunk: data payload → JSON → chunk → events → SSE bytes.
@MainActor func streamCase(chunks: Int, runs: Int) {
    let payloads = ChunkStream.payloads(count: chunks)
    let (catalog, _) = ToolCatalog.build(tools: CodexHistory.tools.arrayValue!, revealed: [])
    var samples: [Double] = []
    var bytes = 0
    for run in 0..<(runs + 2) {
        var translator = StreamTranslator(configuration: .init(createdAt: 0, model: "mimo-v2.6-pro", catalog: catalog))
        var out: [UInt8] = []
        out.reserveCapacity(4 << 20)
        let start = clock.now
        for payload in payloads {
            let chunk = ChatChunk.decode(try! JSONValue.parse(payload))
            for event in translator.receive(chunk) { event.writeSSE(into: &out) }
        }
        for event in translator.finish() { event.writeSSE(into: &out) }
        let elapsed = milliseconds(clock.now - start) * 1000 / Double(payloads.count)
        if run >= 2 { samples.append(elapsed) }
        bytes = out.count
    }
    precondition(bytes > 0)
    rows.append(Row(name: "stream \(chunks) chunks (per chunk, parse→SSE)", unit: "µs", p50: percentile(samples, 0.5),
                    p99: percentile(samples, 0.99), target: "< 5 µs"))
}

func format1(_ v: Double) -> String {
    let scaled = (v * 100).rounded() / 100
    return String(scaled)
}

requestCase(megabytes: 2, iterations: quick ? 10 : 100, target: "< 15 ms")
requestCase(megabytes: 8, iterations: quick ? 3 : 30, target: "(info)")
streamCase(chunks: 10_000, runs: quick ? 3 : 30)

print("| case | p50 | p99 | target |")
print("|---|---|---|---|")
for row in rows {
    print("| \(row.name) | \(format1(row.p50)) \(row.unit) | \(format1(row.p99)) \(row.unit) | \(row.target) |")
}
if CommandLine.arguments.contains("--breakdown") { breakdown(); streamBreakdown() }
