import Foundation
import Logging
import ResponsesTranslation
import UsageLedger

// What counting a request in the usage ledger costs. Not a test; run it in release mode:
//   swift run -c release UsageLedgerBenchmark            (full)
//   swift run -c release UsageLedgerBenchmark --quick    (fewer iterations)

let quick = CommandLine.arguments.contains("--quick")
let clock = ContinuousClock()

func microseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
}

func percentile(_ samples: [Double], _ p: Double) -> Double {
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("UsageLedgerBenchmark-\(UUID().uuidString)").path
defer { try? FileManager.default.removeItem(atPath: directory) }
var logger = Logger(label: "bench")
logger.logLevel = .critical
let ledger = UsageLedger(directory: directory, logger: logger)
let usage = UsageCounts.request(inputTokens: 48_000, cachedTokens: 46_000, outputTokens: 600, reasoningTokens: 200, failed: false)

print("| case | p50 | p99 |")
print("|---|---|---|")

// 1. What the request path pays: `record` on the caller's thread. Requests one at a time, as a Codex
//    session sends them: each record finds no write queued and queues one.
var single: [Double] = []
for _ in 0..<(quick ? 300 : 3000) {
    let start = clock.now
    ledger.record(model: "mimo-v2.6-pro", usage)
    single.append(microseconds(clock.now - start))
    await ledger.flush()
}
print("| record(), one request at a time (caller's thread) | \(String(format: "%.2f", percentile(single, 0.5))) µs | \(String(format: "%.2f", percentile(single, 0.99))) µs |")

// 2. The same while a write is under way: the counts join the pending batch.
var burst: [Double] = []
for round in 0..<(quick ? 20 : 200) {
    for n in 0..<100 {
        let start = clock.now
        ledger.record(model: n.isMultiple(of: 3) ? "mimo-v2.6-flash" : "mimo-v2.6-pro", usage)
        if round > 0 { burst.append(microseconds(clock.now - start)) }
    }
    await ledger.flush()
}
print("| record(), 100 requests ending together (caller's thread) | \(String(format: "%.2f", percentile(burst, 0.5))) µs | \(String(format: "%.2f", percentile(burst, 0.99))) µs |")

// 3. Off the request path: one request's write (transaction, upsert, WAL append) on the writer queue.
var writes: [Double] = []
for _ in 0..<(quick ? 300 : 3000) {
    ledger.record(model: "mimo-v2.6-pro", usage)
    let start = clock.now
    await ledger.flush()
    writes.append(microseconds(clock.now - start))
}
print("| the write of one request (writer queue, WAL, synchronous=NORMAL) | \(String(format: "%.1f", percentile(writes, 0.5))) µs | \(String(format: "%.1f", percentile(writes, 0.99))) µs |")

// 4. `ccmimoctl usage`'s read: a ledger holding a full year for three models.
final class SettableNow: @unchecked Sendable {
    private let lock = NSLock()
    private var date = Date()
    func set(_ new: Date) { lock.withLock { date = new } }
    func get() -> Date { lock.withLock { date } }
}
let now = SettableNow()
let year = UsageLedger(directory: directory + "/year", clock: UsageClock(timeZone: .current) { now.get() }, logger: logger)
let end = Date()
for back in (0..<366).reversed() {
    now.set(end - Double(back) * 86_400)
    for model in ["mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.6-pro-ultraspeed"] { year.record(model: model, usage) }
    await year.flush()
}
let today = year.clock.today()
var reads: [Double] = []
for _ in 0..<(quick ? 20 : 200) {
    let start = clock.now
    let rows = try await year.rows(from: UsageSummary.firstDay(today: today, perDay: 366), through: today)
    precondition(rows.count == 366 * 3)
    _ = UsageSummary(rows: rows, today: today, perDay: 366)
    reads.append(microseconds(clock.now - start))
}
print("| usage report, a year of 3 models (read + periods + 366 days) | \(String(format: "%.0f", percentile(reads, 0.5))) µs | \(String(format: "%.0f", percentile(reads, 0.99))) µs |")
await year.close()
await ledger.close()
