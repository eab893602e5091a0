import Foundation
import GRDB
import Testing
@testable import UsageLedger
import TestSupport

@Suite("The ledger's bounds")
struct UsageLedgerBoundsTests {
    @Test("rows older than the retention are deleted when a new day is written")
    func retention() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-01-01T12:00:00Z")
            let ledger = UsageLedger(directory: directory, clock: clock.usageClock,
                                         limits: UsageLedgerLimits(retentionDays: 30), logger: CapturedLog().logger)
            ledger.record(model: "mimo-v2.6-pro", counts(1))
            clock.set("2026-01-30T12:00:00Z")  // the 30th day, counting the 1st: still kept
            ledger.record(model: "mimo-v2.6-pro", counts(2))
            #expect(try await ledger.allRows().map(\.day.text) == ["2026-01-01", "2026-01-30"])
            clock.set("2026-01-31T12:00:00Z")
            ledger.record(model: "mimo-v2.6-pro", counts(3))
            #expect(try await ledger.allRows().map(\.day.text) == ["2026-01-30", "2026-01-31"])
        }
    }

    @Test("a day's models past the limit share one row, so odd model names cannot grow the file")
    func modelsPerDay() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-12-15T12:00:00Z")
            let ledger = UsageLedger(directory: directory, clock: clock.usageClock,
                                         limits: UsageLedgerLimits(maxModelsPerDay: 3), logger: CapturedLog().logger)
            for n in 0..<6 {
                ledger.record(model: "mimo-odd-\(n)", counts(10))
                await ledger.flush()
            }
            ledger.record(model: "mimo-odd-1", counts(5))  // a model that has its row keeps it
            ledger.record(model: String(repeating: "x", count: 500), counts(1))
            let rows = try await ledger.allRows()
            #expect(rows.map(\.model) == ["(other models)", "mimo-odd-0", "mimo-odd-1", "mimo-odd-2"])
            #expect(rows.first?.counts.requests == 4)
            #expect(rows.first { $0.model == "mimo-odd-1" }?.counts.requests == 2)
            // The next day has its own three.
            clock.set("2026-12-16T12:00:00Z")
            ledger.record(model: "mimo-odd-5", counts(1))
            #expect(try await ledger.allRows().filter { $0.day.text == "2026-12-16" }.map(\.model) == ["mimo-odd-5"])
        }
    }

    @Test("a year of daily use by many models stays within retention × (models + 1) rows")
    func fileStaysBounded() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-01-01T12:00:00Z")
            let limits = UsageLedgerLimits(retentionDays: 40, maxModelsPerDay: 4)
            let ledger = UsageLedger(directory: directory, clock: clock.usageClock, limits: limits, logger: CapturedLog().logger)
            var date = ManualClock.date("2026-01-01T12:00:00Z")
            for _ in 0..<100 {
                clock.set(date.formatted(.iso8601))
                for model in 0..<7 { ledger.record(model: "mimo-m\(model)", counts(1)) }
                await ledger.flush()
                date += 86_400
            }
            let rowCount = try await DatabaseQueue(path: ledger.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM usage_day") }
            #expect(rowCount == 40 * 5)
        }
    }
}
