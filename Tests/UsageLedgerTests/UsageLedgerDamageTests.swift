import Foundation
import GRDB
import Testing
@testable import UsageLedger
import TestSupport

@Suite("A ledger file that cannot be used never stops counting")
struct UsageLedgerDamageTests {
    @Test("a damaged file is moved aside with a log line, and a new one takes the counts")
    func damagedFileIsMovedAside() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let path = directory + "/" + UsageLedger.fileName
            let garbage = Data(repeating: 0x5A, count: 8192)
            try garbage.write(to: URL(fileURLWithPath: path))
            let log = CapturedLog()
            let ledger = UsageLedger(directory: directory, clock: ManualClock("2026-12-15T12:00:00Z").usageClock,
                                         logger: log.logger)
            #expect(ledger.problem == nil)
            ledger.record(model: "mimo-v2.6-pro", counts(10, output: 1))
            #expect(try await ledger.allRows().map(\.counts.requests) == [1])

            let aside = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("usage.sqlite.damaged-") }
            try #require(aside.count == 1, "the damaged file was moved aside: \(aside)")
            #expect(FileManager.default.contents(atPath: directory + "/" + aside[0]) == garbage, "the damaged file is kept as it was")
            let line = log.messages.first { $0.contains("moved the damaged usage ledger aside") }
            #expect(line?.contains("moved_to=\(directory)/usage.sqlite.damaged-") == true, "\(log.messages)")
        }
    }

    @Test("a file from a newer ccmimolink is left alone and usage is counted in memory")
    func newerSchemaIsLeftAlone() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let clock = ManualClock("2026-12-15T12:00:00Z")
            let first = UsageLedger(directory: directory, clock: clock.usageClock, logger: CapturedLog().logger)
            first.record(model: "mimo-v2.6-pro", counts(1))
            await first.close()
            try await DatabaseQueue(path: first.path).write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')")
            }

            let log = CapturedLog()
            let ledger = UsageLedger(directory: directory, clock: clock.usageClock, logger: log.logger)
            #expect(ledger.problem?.contains("newer ccmimolink") == true)
            ledger.record(model: "mimo-v2.6-pro", counts(5))
            #expect(try await ledger.allRows().map(\.counts.requests) == [1], "counted in memory")
            let (requests, migrations) = try await DatabaseQueue(path: first.path).read { db in
                (try Int.fetchOne(db, sql: "SELECT SUM(requests) FROM usage_day"),
                 try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"))
            }
            #expect(requests == 1, "nothing was written into the newer file")
            #expect(migrations == ["v1: usage_day", "v9: from the future"])
            #expect(log.messages.contains { $0.contains("counting in memory only") })
        }
    }

    @Test("a state directory that cannot be created leaves the ledger counting in memory")
    func unusableDirectory() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let blocker = directory + "/not-a-directory"
            _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
            let ledger = UsageLedger(directory: blocker + "/state", clock: ManualClock("2026-12-15T12:00:00Z").usageClock,
                                         logger: CapturedLog().logger)
            #expect(ledger.problem?.contains("cannot open the usage ledger") == true)
            ledger.record(model: "mimo-v2.6-flash", counts(7, cached: 3, output: 2))
            #expect(try await ledger.allRows().map(\.counts) == [counts(7, cached: 3, output: 2)])
        }
    }
}

@Suite("A write that fails is retried")
struct UsageLedgerRetryTests {
    @Test("counts wait out a lock held past the busy timeout, and land once it is gone, with no new request")
    func lockedFileIsRetried() async throws {
        try await withTemporaryDirectory { (directory: String) async throws in
            let log = CapturedLog()
            let ledger = UsageLedger(directory: directory, clock: ManualClock("2026-12-15T12:00:00Z").usageClock, logger: log.logger)
            // Another process (a second daemon, a sqlite3 shell) holds the write lock past the busy timeout.
            var holding = Configuration()
            holding.allowsUnsafeTransactions = true  // the lock outlives one access, as a shell's would
            let other = try DatabaseQueue(path: ledger.path, configuration: holding)
            try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            ledger.record(model: "mimo-v2.6-pro", counts(10, output: 2))
            try await Task.sleep(for: .seconds(UsageLedger.busyTimeoutSeconds + 1))
            #expect(log.messages.contains { $0.contains("could not write the usage ledger") }, "\(log.messages)")
            try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }

            var requests = 0
            let deadline = ContinuousClock.now + .seconds(UsageLedger.busyTimeoutSeconds * 3)
            while requests == 0, ContinuousClock.now < deadline {
                requests = try await other.read { try Int.fetchOne($0, sql: "SELECT COALESCE(SUM(requests), 0) FROM usage_day") ?? 0 }
                if requests == 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(requests == 1, "\(log.messages)")
            #expect(log.messages.contains { $0.contains("usage ledger writes work again") })
        }
    }
}
