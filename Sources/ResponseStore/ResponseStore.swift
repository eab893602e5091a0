import Foundation
import GRDB
import StateFiles
import ResponsesTranslation

/// The responses the daemon produced, kept in `responses.sqlite` (WAL mode) so that
/// `GET /v1/responses/{id}` works and `previous_response_id` can be expanded, across restarts.
///
/// Every method is `async` and runs its SQLite work on GRDB's queues (one writer, a pool of
/// readers), so callers on an event loop never wait on disk or on a lock. Saves are serialized by
/// SQLite's single writer; reads run concurrently with them.
public final class ResponseStore: Sendable {
    public static let fileName = "responses.sqlite"
    /// How long a write waits for another process's lock before failing with `.databaseLocked`.
    static let busyTimeoutSeconds = 5

    /// The SQLite file.
    public let path: String
    public let limits: ResponseStoreLimits
    let pool: DatabasePool

    /// Opens the store in `directory`, creating the directory (0700) and file (0600) if missing,
    /// migrating the schema, and evicting down to `limits` if they shrank since the last run.
    /// Blocks while it does so: call it at startup, not on an event loop.
    public init(directory: String, limits: ResponseStoreLimits = ResponseStoreLimits()) throws(ResponseStoreError) {
        if let problem = limits.problem { throw .invalidLimits(reason: problem) }
        // Owner-only: stored conversations can hold anything the user typed or the tools printed.
        do {
            try OwnerOnly.createDirectory(directory)
        } catch {
            throw .cannotCreateDirectory(path: error.path, reason: error.reason)
        }
        let path = directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName
        do {
            try OwnerOnly.createFile(path)
        } catch {
            throw .cannotOpenDatabase(path: error.path, reason: error.reason)
        }
        self.path = path
        self.limits = limits

        var configuration = Configuration()
        configuration.label = "ccmimolink.ResponseStore"
        configuration.busyMode = .timeout(TimeInterval(Self.busyTimeoutSeconds))
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw ResponseStoreError(error, path: path, operation: "opening")
        }
        do {
            // GRDB would silently run our migrations next to unknown ones; a newer schema may not
            // mean what this build thinks, so refuse instead of writing into it.
            let unknown = try pool.read(ResponseStoreSchema.migrator.unknownMigrations)
            guard unknown.isEmpty else {
                throw ResponseStoreError.schemaFromNewerVersion(path: path, unknownMigrations: unknown)
            }
            try ResponseStoreSchema.migrator.migrate(pool)
            try pool.write { db in _ = try Self.evictOldest(db, toFit: limits) }
        } catch {
            throw ResponseStoreError(error, path: path, operation: "migrating")
        }
    }

    /// Stores `response`, replacing any with the same id, then evicts the oldest responses until
    /// both limits hold. A response larger than `limits.maxBytes` on its own is refused with
    /// `.tooLarge`, and an earlier version with the same id stays as it was.
    @concurrent
    public func save(_ response: StoredResponse) async throws(ResponseStoreError) {
        let row = StoredResponseRow(response)
        guard row.byteSize <= limits.maxBytes else {
            throw .tooLarge(id: response.id, bytes: row.byteSize, limit: limits.maxBytes)
        }
        let limits = self.limits
        try await access("saving \(response.id)") {
            try await pool.write { db in
                try row.upsert(db)
                _ = try Self.evictOldest(db, toFit: limits)
            }
        }
    }

    /// The response with this id, or nil if it was never stored or has been evicted.
    @concurrent
    public func response(id: String) async throws(ResponseStoreError) -> StoredResponse? {
        let row = try await access("reading \(id)") {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT \(StoredResponseRow.selectColumns) FROM stored_response WHERE id = ?",
                    arguments: [id]
                ).map(StoredResponseRow.init)
            }
        }
        return try row?.decoded(path: path)
    }

    /// The conversation up to and including `id`: its input items followed by its output items
    /// (from `response["output"]`), ready to prepend to a new request's input. Nil if unknown.
    /// One lookup suffices because each record's input items were stored already expanded.
    @concurrent
    public func conversation(endingAt id: String) async throws(ResponseStoreError) -> [JSONValue]? {
        try await response(id: id)?.conversation
    }

    /// Removes every response and gives the space back to the file system; returns how many
    /// responses were removed.
    @concurrent
    public func drain() async throws(ResponseStoreError) -> Int {
        try await access("draining") {
            let removed = try await pool.write { db in
                try db.execute(sql: "DELETE FROM stored_response")
                return db.changesCount
            }
            // VACUUM must run outside a transaction; the checkpoint then empties the WAL file,
            // which VACUUM has just filled with a copy of the whole (now small) database.
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            return removed
        }
    }

    @concurrent
    public func stats() async throws(ResponseStoreError) -> ResponseStoreStats {
        let path = self.path
        return try await access("reading statistics") {
            try await pool.read { db in
                let row = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*), COALESCE(SUM(byte_size), 0), MIN(created_at), MAX(created_at)
                    FROM stored_response
                    """)
                return ResponseStoreStats(
                    count: row?[0] ?? 0, totalBytes: row?[1] ?? 0, oldestCreatedAt: row?[2],
                    newestCreatedAt: row?[3], path: path)
            }
        }
    }

    /// Closes the connections, waiting for accesses under way; later calls fail. Not needed before
    /// exit (SQLite recovers from the WAL), but it leaves the file checkpointed and tidy.
    @concurrent
    public func close() async throws(ResponseStoreError) {
        try await access("closing") { try pool.close() }
    }

    /// SQLite's journal mode as the writer connection reports it; `wal` in practice. For tests and
    /// diagnostics.
    func journalMode() async throws(ResponseStoreError) -> String {
        try await access("reading the journal mode") {
            try await pool.write { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
        }
    }

    /// Deletes the oldest responses (by `created_at`, then save order) until both limits hold;
    /// returns how many went. Usually zero or one per save.
    static func evictOldest(_ db: Database, toFit limits: ResponseStoreLimits) throws -> Int {
        guard let totals = try Row.fetchOne(
            db, sql: "SELECT COUNT(*), COALESCE(SUM(byte_size), 0) FROM stored_response")
        else { return 0 }
        var count: Int = totals[0]
        var bytes: Int = totals[1]
        var evicted = 0
        while count > limits.maxResponses || bytes > limits.maxBytes {
            let oldest = try db.cachedStatement(
                sql: "SELECT seq, byte_size FROM stored_response ORDER BY created_at, seq LIMIT 1")
            guard let victim = try Row.fetchOne(oldest) else { break }
            let seq: Int64 = victim[0]
            let size: Int = victim[1]
            try db.cachedStatement(sql: "DELETE FROM stored_response WHERE seq = ?").execute(arguments: [seq])
            count -= 1
            bytes -= size
            evicted += 1
        }
        return evicted
    }

    /// Runs `body`, turning whatever GRDB or SQLite throws into a `ResponseStoreError` that says
    /// what we were doing.
    private func access<T>(
        _ operation: @autoclosure () -> String, _ body: () async throws -> T
    ) async throws(ResponseStoreError) -> T {
        do {
            return try await body()
        } catch {
            throw ResponseStoreError(error, path: path, operation: operation())
        }
    }
}
