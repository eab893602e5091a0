import Foundation
import GRDB

/// cc-switch.db, opened briefly and handled the way cc-switch expects: rollback journal left as it
/// is (no WAL), a busy timeout like rusqlite's, foreign keys on, no read transaction held open,
/// columns always named, `user_version` never touched, and writes inside one `BEGIN IMMEDIATE`
/// transaction that first checks nothing changed since it was read.
struct CCSwitchDatabase {
    /// The newest schema this code was written against (cc-switch 4.0.16).
    static let newestKnownUserVersion = 24
    /// cc-switch 3.20.0's schema, the last of 3.x: anything newer is cc-switch 4 (or a fork of it).
    static let lastVersion3UserVersion = 17
    /// `providers` and `provider_endpoints` have had their current shape since this version.
    static let oldestSupportedUserVersion = 2

    let path: String
    let busyTimeoutSeconds: Double
    private let queue: DatabaseQueue

    init(path: String, busyTimeoutSeconds: Double) throws(SyncError) {
        self.path = path
        self.busyTimeoutSeconds = busyTimeoutSeconds
        var configuration = Configuration()
        configuration.label = "ccmimolink.CCSwitchDatabase"
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.foreignKeysEnabled = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw SyncError(error, path: path, operation: "opening", busyTimeoutSeconds: busyTimeoutSeconds)
        }
    }

    func close() {
        try? queue.close()
    }

    /// Reads with autocommit statements (no transaction): under the rollback journal a held read
    /// lock would block cc-switch's commits.
    func snapshot() throws(SyncError) -> DatabaseSnapshot {
        try access("reading providers") { db in
            let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            guard tables.contains("providers") else {
                throw SyncError.malformedFile(path: path, reason: "it has no providers table")
            }
            let providers = try Row.fetchAll(db, sql: """
                SELECT id, name, settings_config, is_current, icon FROM providers WHERE app_type = 'codex'
                ORDER BY COALESCE(sort_index, 999999), created_at ASC, id ASC
                """).map { row in
                ProviderRow(
                    id: row["id"], name: row["name"], settingsConfig: row["settings_config"],
                    isCurrent: (row["is_current"] as Bool?) ?? false, icon: row["icon"])
            }
            var endpoints: [EndpointRow] = []
            if tables.contains("provider_endpoints") {
                endpoints = try Row.fetchAll(db, sql: """
                    SELECT id, provider_id, url FROM provider_endpoints WHERE app_type = 'codex' ORDER BY id
                    """).map { EndpointRow(id: $0["id"], providerID: $0["provider_id"], url: $0["url"]) }
            }
            return DatabaseSnapshot(
                userVersion: userVersion, providers: providers, endpoints: endpoints,
                takeoverSignals: try Self.takeoverSignals(db, tables: tables))
        }
    }

    /// What the transaction expects to find before it writes, and what it writes.
    struct RowWrite: Sendable, Equatable {
        var providerID: String
        /// Checked when the row itself is rewritten; endpoint-only writes check their URLs.
        var expectedSettingsConfig: String?
        var newSettingsConfig: String?
        var endpoints: [EndpointWrite]
    }

    struct EndpointWrite: Sendable, Equatable {
        var id: Int64
        var expectedURL: String
        var newURL: String
    }

    /// Applies `writes` in one `BEGIN IMMEDIATE` transaction. Before writing, the rows are read
    /// again; if any differs from what the plan was made from, nothing is written and
    /// `.keptChanging` is thrown so the caller can plan again. `beforeWriting` runs inside the
    /// transaction once the rows are confirmed (ccmimolink records its state there, before the
    /// change). Returns the backup's path.
    func apply(
        _ writes: [RowWrite], backups: BackupDirectory, beforeWriting: () throws(SyncError) -> Void
    ) throws(SyncError) -> String {
        try access("updating providers") { db in
            var backup = ""
            try db.inTransaction(.immediate) {
                for write in writes {
                    if let expected = write.expectedSettingsConfig {
                        let current = try String.fetchOne(
                            db, sql: "SELECT settings_config FROM providers WHERE id = ? AND app_type = 'codex'",
                            arguments: [write.providerID])
                        guard current == expected else { throw SyncError.keptChanging(path: path) }
                    }
                    for endpoint in write.endpoints {
                        let url = try String.fetchOne(
                            db, sql: "SELECT url FROM provider_endpoints WHERE id = ? AND provider_id = ? AND app_type = 'codex'",
                            arguments: [endpoint.id, write.providerID])
                        guard url == endpoint.expectedURL else { throw SyncError.keptChanging(path: path) }
                    }
                }
                backup = try backUp(into: backups)
                try beforeWriting()
                for write in writes {
                    if let settings = write.newSettingsConfig {
                        try db.execute(
                            sql: "UPDATE providers SET settings_config = ? WHERE id = ? AND app_type = 'codex'",
                            arguments: [settings, write.providerID])
                        guard db.changesCount == 1 else { throw SyncError.keptChanging(path: path) }
                    }
                    for endpoint in write.endpoints {
                        try db.execute(sql: """
                            UPDATE provider_endpoints SET url = ? WHERE id = ? AND provider_id = ? AND app_type = 'codex'
                            """, arguments: [endpoint.newURL, endpoint.id, write.providerID])
                    }
                }
                return .commit
            }
            return backup
        }
    }

    /// A consistent copy through SQLite's online backup API, taken while our transaction holds the
    /// write lock, so it is exactly the committed state the update starts from. It reads through a
    /// second, read-only connection: SQLite refuses to back up from a connection that is writing.
    private func backUp(into backups: BackupDirectory) throws -> String {
        let destination: String
        do throws(FileFailure) {
            destination = try backups.reservePath(label: "cc-switch.db")
            let descriptor = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw FileFailure(path: destination, reason: systemErrorText()) }
            closeDescriptor(descriptor)
        } catch {
            throw SyncError.cannotWrite(path: error.path, reason: error.reason)
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        let copy = try DatabaseQueue(path: destination)
        try reader.backup(to: copy)
        try reader.close()
        try copy.close()
        backups.prune(label: "cc-switch.db")
        return destination
    }

    /// Database evidence of cc-switch's proxy takeover. Tables and columns are checked first:
    /// older databases have neither.
    private static func takeoverSignals(_ db: Database, tables: Set<String>) throws -> [String] {
        var signals: [String] = []
        if tables.contains("proxy_live_backup"),
           try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM proxy_live_backup WHERE app_type = 'codex'") ?? 0 > 0 {
            signals.append("cc-switch holds a backup of Codex's files for its proxy (proxy_live_backup)")
        }
        if tables.contains("proxy_config") {
            let columns = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(proxy_config)").map { $0["name"] as String })
            if columns.contains("app_type") {
                for flag in ["enabled", "live_takeover_active"] where columns.contains(flag) {
                    if try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM proxy_config WHERE app_type = 'codex' AND \(flag) = 1") ?? 0 > 0 {
                        signals.append("cc-switch's proxy is on for Codex (proxy_config.\(flag) = 1)")
                    }
                }
            }
        }
        return signals
    }

    private func access<T>(_ operation: String, _ body: (Database) throws -> T) throws(SyncError) -> T {
        do {
            return try queue.inDatabase(body)
        } catch {
            throw SyncError(error, path: path, operation: operation, busyTimeoutSeconds: busyTimeoutSeconds)
        }
    }
}
