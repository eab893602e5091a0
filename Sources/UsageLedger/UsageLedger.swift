import Foundation
import GRDB
import StateFiles
import Logging
import NIOConcurrencyHelpers
import ResponsesTranslation

/// What MiMo's models used, per local day and model, in `usage.sqlite` (WAL) in the state directory.
///
/// Recording never waits and never fails: `record` adds the counts to a pending batch under a lock and,
/// when no write is queued yet, queues one on the SQLite writer's own queue; that write takes
/// everything pending at the time it runs, so requests ending together share one transaction. A
/// request's counts are on disk a moment after it ends, with no timer and no shutdown hook, so a
/// daemon that exits when idle (or is killed) loses nothing already written.
///
/// The file never stops the daemon: one that is damaged is moved aside (with a log line) and a new
/// one started; one that cannot be opened, or was written by a newer version, leaves the ledger
/// counting in memory (`problem` says why); a write that fails keeps its counts pending and is
/// retried.
public final class UsageLedger: Sendable {
    public static let fileName = "usage.sqlite"
    static let busyTimeoutSeconds = 5
    /// After a failed write with no new traffic, how long until the pending counts are tried again:
    /// soon after a passing lock, then doubling up to `maxRetryDelay` while the failure lasts.
    static let firstRetryDelay: Duration = .milliseconds(500)
    static let maxRetryDelay: Duration = .seconds(30)

    /// Where the file is (or would be, when counting in memory).
    public let path: String
    public let limits: UsageLedgerLimits
    public let clock: UsageClock
    let logger: Logger

    private struct State {
        var writer: any DatabaseWriter
        /// Why the ledger counts in memory; nil while it writes its file.
        var problem: String?
        var pending = PendingUsage()
        var writeQueued = false
        var retryScheduled = false
        var retryDelay = UsageLedger.firstRetryDelay
        var replacingDamagedFile = false
        /// Set while writes fail, so the log says it once and says when it recovered.
        var failingSince: String?
        /// The newest day old rows were pruned for.
        var prunedFor: LocalDay?
    }

    private let state: NIOLockedValueBox<State>

    /// Opens (or creates, mode 0600) the ledger in `directory`, migrating an older schema. Blocks while
    /// it does so: call it at start, not on an event loop. Never fails: a file it cannot use is logged
    /// and replaced by an in-memory ledger (`problem`).
    public init(directory: String, clock: UsageClock = .system, limits: UsageLedgerLimits = UsageLedgerLimits(),
                logger: Logger) {
        // The limits are compiled in, not settings: a bad one is a programming error.
        precondition(limits.problem == nil, "invalid usage ledger limits: \(limits.problem ?? "")")
        path = directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName
        self.limits = limits
        self.clock = clock
        self.logger = logger
        let (writer, problem) = Self.openOrFallBack(path: path, directory: directory, logger: logger, now: clock.now())
        state = NIOLockedValueBox(State(writer: writer, problem: problem))
    }

    /// Why usage is counted in memory only (and lost at exit); nil while the file is written.
    public var problem: String? { state.withLockedValue { $0.problem } }

    // MARK: Recording

    /// Adds one request's counts to today's row for `model`. Cheap and never blocking: safe on an
    /// event loop, from any number of threads at once.
    public func record(model: String, _ usage: UsageCounts) {
        let day = clock.today()
        let name = Self.rowName(model)
        let writer = state.withLockedValue { state -> (any DatabaseWriter)? in
            state.pending.add(usage, model: name, on: day)
            guard !state.writeQueued else { return nil }
            state.writeQueued = true
            return state.writer
        }
        if let writer { queueWrite(on: writer) }
    }

    /// Writes whatever is pending now and returns when it is on disk (or has failed and stays pending).
    public func flush() async {
        let writer = state.withLockedValue { $0.writer }
        let outcome: Result<Void, UsageLedgerError>? = try? await writer.writeWithoutTransaction { db in
            self.writePending(db)
        }
        if case .failure(let error)? = outcome { handle(error, from: writer) }
    }

    // MARK: Reading

    /// Every row from `first` through `last` (local days), counts not yet written included.
    public func rows(from first: LocalDay, through last: LocalDay) async throws(UsageLedgerError) -> [UsageRow] {
        await flush()
        let (writer, pending) = state.withLockedValue { ($0.writer, $0.pending.rows) }
        let stored: [UsageRow]
        do {
            stored = try await writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT day, model, requests, failed, fresh_input_tokens, cached_input_tokens, output_tokens,
                           reasoning_tokens
                    FROM usage_day WHERE day >= ? AND day <= ? ORDER BY day, model
                    """, arguments: [first.text, last.text]).compactMap(Self.usageRow)
            }
        } catch {
            throw UsageLedgerError(error, path: path, operation: "reading")
        }
        let unwritten = pending.filter { $0.day >= first && $0.day <= last }
        guard !unwritten.isEmpty else { return stored }
        var merged = PendingUsage()
        merged.merge(stored)
        merged.merge(unwritten)
        return merged.take()
    }

    /// Writes what is pending and closes the file; later records are counted in memory only. Not
    /// needed before exit (every request is written as it ends), but leaves the file checkpointed.
    public func close() async {
        await flush()
        let writer = state.withLockedValue { state -> (any DatabaseWriter)? in
            guard state.problem == nil else { return nil }
            state.problem = "the ledger was closed"
            let writer = state.writer
            state.writer = Self.memoryLedger()
            return writer
        }
        try? (writer as? DatabasePool)?.close()
    }

    // MARK: Writing

    private func queueWrite(on writer: any DatabaseWriter) {
        writer.asyncWriteWithoutTransaction { db in
            if case .failure(let error) = self.writePending(db) { self.handle(error, from: writer) }
        }
    }

    /// Runs on the writer's queue: takes the pending batch and adds it to the file in one transaction.
    /// A failed batch goes back to pending.
    private func writePending(_ db: Database) -> Result<Void, UsageLedgerError> {
        let (batch, prunedFor) = state.withLockedValue { state in
            state.writeQueued = false
            return (state.pending.take(), state.prunedFor)
        }
        guard let newest = batch.map(\.day).max() else { return .success(()) }
        do {
            try db.inTransaction(.immediate) {
                if prunedFor != newest {
                    let oldestKept = newest.adding(days: 1 - limits.retentionDays)
                    try db.execute(sql: "DELETE FROM usage_day WHERE day < ?", arguments: [oldestKept.text])
                }
                for row in batch { try add(row, db) }
                return .commit
            }
        } catch {
            state.withLockedValue { $0.pending.merge(batch) }
            return .failure(UsageLedgerError(error, path: path, operation: "writing"))
        }
        let recovered = state.withLockedValue { state -> String? in
            state.prunedFor = max(state.prunedFor ?? newest, newest)
            let since = state.failingSince
            state.failingSince = nil
            state.retryDelay = Self.firstRetryDelay
            return since
        }
        if let since = recovered {
            logger.notice("usage ledger writes work again; the counts kept since are written",
                          metadata: ["path": "\(path)", "failing_since": "\(since)"])
        }
        return .success(())
    }

    /// Adds to the row of the row's day and model; a day's models past the limit share one row.
    private func add(_ row: UsageRow, _ db: Database) throws {
        let day = row.day.text
        var model = row.model
        let known = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM usage_day WHERE day = ? AND model = ?)"),
            arguments: [day, model]) ?? false
        if !known {
            let named = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM usage_day WHERE day = ? AND model != ?"),
                arguments: [day, UsageLedgerLimits.otherModelsRow]) ?? 0
            if named >= limits.maxModelsPerDay { model = UsageLedgerLimits.otherModelsRow }
        }
        let c = row.counts
        try db.cachedStatement(sql: """
            INSERT INTO usage_day (day, model, requests, failed, fresh_input_tokens, cached_input_tokens,
                                   output_tokens, reasoning_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, model) DO UPDATE SET
                requests = requests + excluded.requests, failed = failed + excluded.failed,
                fresh_input_tokens = fresh_input_tokens + excluded.fresh_input_tokens,
                cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,
                output_tokens = output_tokens + excluded.output_tokens,
                reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens
            """).execute(arguments: [day, model, c.requests, c.failed, c.freshInputTokens, c.cachedInputTokens,
                                     c.outputTokens, c.reasoningTokens])
    }

    // MARK: Failures

    /// A damaged file is replaced; anything else keeps the counts pending and tries again later.
    private func handle(_ error: UsageLedgerError, from writer: any DatabaseWriter) {
        let current = state.withLockedValue { ObjectIdentifier($0.writer) == ObjectIdentifier(writer) }
        guard current else {
            // Written to a file already replaced: the counts went back to pending, so write them anew.
            requeue()
            return
        }
        if error.isDamage {
            replaceDamagedFile(error)
            return
        }
        let now = Self.timestamp(clock.now())
        let firstFailure = state.withLockedValue { state -> Bool in
            guard state.failingSince == nil else { return false }
            state.failingSince = now
            return true
        }
        if firstFailure {
            logger.warning("could not write the usage ledger; the counts are kept and retried",
                           metadata: ["error": "\(error)"])
        }
        scheduleRetry()
    }

    private func scheduleRetry() {
        let delay = state.withLockedValue { state -> Duration? in
            guard !state.retryScheduled else { return nil }
            state.retryScheduled = true
            defer { state.retryDelay = min(state.retryDelay * 2, Self.maxRetryDelay) }
            return state.retryDelay
        }
        guard let delay else { return }
        Task {
            try? await Task.sleep(for: delay)
            self.state.withLockedValue { $0.retryScheduled = false }
            self.requeue()
        }
    }

    private func requeue() {
        let writer = state.withLockedValue { state -> (any DatabaseWriter)? in
            guard !state.pending.isEmpty, !state.writeQueued else { return nil }
            state.writeQueued = true
            return state.writer
        }
        if let writer { queueWrite(on: writer) }
    }

    /// Closes the damaged file, moves it aside and starts a new one; pending counts go to the new one.
    /// Runs in a task of its own: the old pool cannot be closed from its own writer queue.
    private func replaceDamagedFile(_ error: UsageLedgerError) {
        let start = state.withLockedValue { state -> Bool in
            guard !state.replacingDamagedFile else { return false }
            state.replacingDamagedFile = true
            return true
        }
        guard start else { return }
        Task {
            let old = self.state.withLockedValue { $0.writer }
            try? (old as? DatabasePool)?.close()
            self.logger.error("the usage ledger is damaged", metadata: ["path": "\(self.path)", "error": "\(error)"])
            let directory = String(self.path.dropLast(Self.fileName.count + 1))
            let (writer, problem) = Self.openOrFallBack(path: self.path, directory: directory, logger: self.logger,
                                                        now: self.clock.now(), damaged: error)
            self.state.withLockedValue { state in
                state.writer = writer
                state.problem = problem
                state.writeQueued = false
                state.replacingDamagedFile = false
                state.prunedFor = nil
            }
            self.requeue()
        }
    }

    // MARK: Opening

    /// The file's pool, or an in-memory ledger and the reason. A damaged file (`damaged` set, or found
    /// while opening) is moved aside once and a new file started.
    private static func openOrFallBack(path: String, directory: String, logger: Logger, now: Date,
                                       damaged: UsageLedgerError? = nil) -> (any DatabaseWriter, String?) {
        var damage = damaged
        if damage == nil {
            do throws(UsageLedgerError) {
                return (try openFile(path: path, directory: directory), nil)
            } catch where error.isDamage {
                damage = error
            } catch {
                logger.error("usage ledger unavailable, counting in memory only", metadata: ["error": "\(error)"])
                return (memoryLedger(), error.description)
            }
        }
        let aside = path + ".damaged-" + timestamp(now).replacingOccurrences(of: ":", with: "")
        do {
            try moveAside(path, to: aside)
            logger.error("moved the damaged usage ledger aside; counting starts again in a new file",
                         metadata: ["path": "\(path)", "moved_to": "\(aside)", "error": "\(damage.map { "\($0)" } ?? "")"])
            return (try openFile(path: path, directory: directory), nil)
        } catch {
            let problem = "the usage ledger \(path) is damaged and could not be replaced (\(error)); usage is counted in memory only"
            logger.error("\(problem)")
            return (memoryLedger(), problem)
        }
    }

    private static func openFile(path: String, directory: String) throws(UsageLedgerError) -> DatabasePool {
        do {
            try OwnerOnly.createDirectory(directory)
            try OwnerOnly.createFile(path)
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create \(error.path): \(error.reason)")
        }
        var configuration = Configuration()
        configuration.label = "ccmimolink.UsageLedger"
        configuration.busyMode = .timeout(TimeInterval(busyTimeoutSeconds))
        // WAL with NORMAL: a commit survives the process being killed, and costs no fsync per request.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            let unknown = try pool.read(UsageLedgerSchema.migrator.unknownMigrations)
            guard unknown.isEmpty else { throw UsageLedgerError.schemaFromNewerVersion(path: path, unknownMigrations: unknown) }
            try UsageLedgerSchema.migrator.migrate(pool)
            return pool
        } catch {
            throw UsageLedgerError(error, path: path, operation: "opening")
        }
    }

    private static func moveAside(_ path: String, to aside: String) throws {
        let files = FileManager.default
        try files.moveItem(atPath: path, toPath: aside)
        for suffix in ["-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
            try? files.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
    }

    /// An in-memory database with the same schema: the ledger works the same, for this run only.
    static func memoryLedger() -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue()
            try UsageLedgerSchema.migrator.migrate(queue)
            return queue
        } catch {
            // Only an allocation failure gets here; nothing else could run either.
            fatalError("cannot create an in-memory SQLite database: \(error)")
        }
    }

    // MARK: Rows

    static func rowName(_ model: String) -> String {
        let name = String(model.prefix(UsageLedgerLimits.maxModelNameLength))
        return name.isEmpty ? "(unknown)" : name
    }

    private static func usageRow(_ row: Row) -> UsageRow? {
        guard let day = LocalDay(text: row[0]) else { return nil }
        return UsageRow(day: day, model: row[1], counts: UsageCounts(
            requests: row[2], failed: row[3], freshInputTokens: row[4], cachedInputTokens: row[5],
            outputTokens: row[6], reasoningTokens: row[7]))
    }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }
}
