import ResponsesTranslation
import Foundation
import GRDB
import Testing
@testable import UsageLedger
import TestSupport

@Suite("Recording usage")
struct UsageLedgerRecordingTests {
    @Test("requests add up per local day and model; a request after local midnight starts the next day's row")
    func daysRollOverAtLocalMidnight() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-12-15T22:59:00Z")  // 23:59 in Berlin
            let ledger = UsageLedger(directory: directory, clock: clock.usageClock, logger: CapturedLog().logger)
            ledger.record(model: "mimo-v2.6-pro", counts(1000, cached: 800, output: 50, reasoning: 20))
            ledger.record(model: "mimo-v2.6-pro", counts(2000, cached: 1500, output: 70, reasoning: 30, failed: true))
            ledger.record(model: "mimo-v2.6-flash", counts(10, output: 5))
            clock.set("2026-12-15T23:00:01Z")  // 00:00:01 on the 16th in Berlin, still the 15th in UTC
            ledger.record(model: "mimo-v2.6-pro", counts(300, cached: 100, output: 9))

            let rows = try await ledger.allRows()
            #expect(rows == [
                UsageRow(day: day("2026-12-15"), model: "mimo-v2.6-flash", counts: UsageCounts(
                    requests: 1, failed: 0, freshInputTokens: 10, cachedInputTokens: 0, outputTokens: 5, reasoningTokens: 0)),
                UsageRow(day: day("2026-12-15"), model: "mimo-v2.6-pro", counts: UsageCounts(
                    requests: 2, failed: 1, freshInputTokens: 700, cachedInputTokens: 2300, outputTokens: 120, reasoningTokens: 50)),
                UsageRow(day: day("2026-12-16"), model: "mimo-v2.6-pro", counts: UsageCounts(
                    requests: 1, failed: 0, freshInputTokens: 200, cachedInputTokens: 100, outputTokens: 9, reasoningTokens: 0)),
            ])
        }
    }

    @Test("MiMo's numbers are clamped into sense: cached never exceeds input, reasoning never exceeds output")
    func clampsNonsense() {
        #expect(counts(100, cached: 250, output: 10, reasoning: 40) == UsageCounts(
            requests: 1, failed: 0, freshInputTokens: 0, cachedInputTokens: 100, outputTokens: 10, reasoningTokens: 10))
        #expect(counts(-5, cached: -1, output: -3) == UsageCounts(requests: 1))
    }

    @Test("each request is on disk moments after it ends, with no flush and no close: a process that exits loses nothing")
    func durableWithoutShutdownHook() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-12-15T12:00:00Z")
            let log = CapturedLog()
            let ledger = UsageLedger(directory: directory, clock: clock.usageClock, logger: log.logger)
            ledger.record(model: "mimo-v2.6-pro", counts(1234, cached: 1000, output: 56))

            // Read the file through a connection of its own, as the next daemon would.
            let path = directory + "/" + UsageLedger.fileName
            var requests = 0
            let deadline = ContinuousClock.now + .seconds(10)
            while requests == 0, ContinuousClock.now < deadline {
                requests = try await DatabaseQueue(path: path).read { db in
                    try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(requests), 0) FROM usage_day") ?? 0
                }
                if requests == 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(requests == 1, "\(log.messages)")
            withExtendedLifetime(ledger) {}
        }
    }

    @Test("the ledger survives a restart and adds to what the last run wrote")
    func survivesRestart() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-12-15T12:00:00Z")
            let first = UsageLedger(directory: directory, clock: clock.usageClock, logger: CapturedLog().logger)
            first.record(model: "mimo-v2.6-pro", counts(100, output: 10))
            await first.close()
            let second = UsageLedger(directory: directory, clock: clock.usageClock, logger: CapturedLog().logger)
            second.record(model: "mimo-v2.6-pro", counts(200, output: 20))
            #expect(try await second.allRows().map(\.counts) == [UsageCounts(requests: 2, freshInputTokens: 300, outputTokens: 30)])
            let mode = try await DatabaseQueue(path: second.path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
    }

    @Test("many threads recording at once, through two ledgers on one file, lose no count")
    func concurrentWriters() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-12-15T12:00:00Z")
            let a = UsageLedger(directory: directory, clock: clock.usageClock, logger: CapturedLog().logger)
            let b = UsageLedger(directory: directory, clock: clock.usageClock, logger: CapturedLog().logger)
            let perTask = 250
            await withTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    let ledger = task.isMultiple(of: 2) ? a : b
                    group.addTask {
                        for n in 0..<perTask {
                            ledger.record(model: n.isMultiple(of: 5) ? "mimo-v2.6-flash" : "mimo-v2.6-pro",
                                          counts(10, cached: 4, output: 3, reasoning: 1, failed: n.isMultiple(of: 10)))
                        }
                    }
                }
            }
            await a.flush()
            await b.flush()
            let total = try await a.allRows().reduce(UsageCounts.zero) { $0 + $1.counts }
            let requests = 8 * perTask
            #expect(total == UsageCounts(requests: requests, failed: requests / 10, freshInputTokens: 6 * requests,
                                         cachedInputTokens: 4 * requests, outputTokens: 3 * requests, reasoningTokens: requests))
            #expect(try await a.allRows().map(\.model) == ["mimo-v2.6-flash", "mimo-v2.6-pro"])
        }
    }

    @Test("no prompt, no key: the file holds only days, model ids and counts")
    func holdsCountsOnly() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let ledger = UsageLedger(directory: directory, clock: ManualClock("2026-12-15T12:00:00Z").usageClock,
                                         logger: CapturedLog().logger)
            ledger.record(model: "mimo-v2.6-pro", counts(1, output: 1))
            await ledger.flush()
            let columns = try await DatabaseQueue(path: ledger.path).read { db in
                try db.columns(in: "usage_day").map(\.name)
            }
            #expect(columns == ["day", "model", "requests", "failed", "fresh_input_tokens", "cached_input_tokens",
                                "output_tokens", "reasoning_tokens"])
            let attributes = try FileManager.default.attributesOfItem(atPath: ledger.path)
            #expect((attributes[.posixPermissions] as? Int ?? 0) & 0o777 == 0o600)
        }
    }
}
