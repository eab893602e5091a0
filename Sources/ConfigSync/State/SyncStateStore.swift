import ResponsesTranslation
import Foundation
import GRDB

/// ccmimolink's sync record, `cc-switch-sync.sqlite` in the state directory (0600, directory
/// 0700). It is the only place a provider's real URL survives once cc-switch and Codex both say
/// `http://127.0.0.1:…`. Reads never create the file, so a dry run leaves no trace.
struct SyncStateStore {
    static let fileName = "cc-switch-sync.sqlite"

    let path: String
    let directory: String
    let busyTimeoutSeconds: Double

    init(paths: SyncPaths, busyTimeoutSeconds: Double) {
        path = paths.stateDatabase
        directory = SyncPaths.trimmingTrailingSlashes(paths.stateDirectory)
        self.busyTimeoutSeconds = busyTimeoutSeconds
    }

    /// Active records for the cc-switch database at `databasePath`, most recently synced first.
    func activeRecords(databasePath: String) throws(SyncError) -> [SyncRecord] {
        guard FileContents.exists(path) else { return [] }
        return try access("reading the sync record") { queue in
            try queue.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT provider_id, provider_name, toml_provider_id, upstream_base_url, upstream_row_text,
                           upstream_plan, local_base_url, database_path, codex_directory, user_version_seen, synced_at
                    FROM synced_provider WHERE active = 1 AND database_path = ?
                    ORDER BY synced_at DESC, provider_id
                    """, arguments: [databasePath])
                return try rows.map { row in
                    let providerID: String = row["provider_id"]
                    let endpoints = try Row.fetchAll(db, sql: """
                        SELECT endpoint_id, original_url FROM changed_endpoint WHERE provider_id = ? ORDER BY endpoint_id
                        """, arguments: [providerID]).map {
                        SyncRecord.EndpointRecord(endpointID: $0["endpoint_id"], originalURL: $0["original_url"])
                    }
                    let entries = try Row.fetchAll(db, sql: """
                        SELECT key_path, original_literal, written_literal FROM changed_codex_entry
                        WHERE provider_id = ? ORDER BY rowid
                        """, arguments: [providerID]).map {
                        SyncRecord.CodexEntryRecord(
                            path: Self.decodePath($0["key_path"]), originalLiteral: $0["original_literal"],
                            writtenLiteral: $0["written_literal"])
                    }
                    let plan: String? = row["upstream_plan"]
                    return SyncRecord(
                        providerID: providerID, providerName: row["provider_name"], tomlProviderID: row["toml_provider_id"],
                        upstreamBaseURL: row["upstream_base_url"], upstreamRowText: row["upstream_row_text"],
                        upstreamPlan: plan.flatMap(MimoPlan.init(rawValue:)), localBaseURL: row["local_base_url"],
                        databasePath: row["database_path"], codexDirectory: row["codex_directory"],
                        userVersionSeen: row["user_version_seen"], syncedAt: row["synced_at"],
                        endpoints: endpoints, codexEntries: entries)
                }
            }
        }
    }

    /// Replaces the record of `record.providerID` (with its endpoints and entries) in one transaction.
    func save(_ record: SyncRecord) throws(SyncError) {
        try prepareFile()
        try access("saving the sync record") { queue in
            try queue.write { db in
                try db.execute(sql: "DELETE FROM changed_endpoint WHERE provider_id = ?", arguments: [record.providerID])
                try db.execute(sql: "DELETE FROM changed_codex_entry WHERE provider_id = ?", arguments: [record.providerID])
                try db.execute(sql: "DELETE FROM synced_provider WHERE provider_id = ?", arguments: [record.providerID])
                try db.execute(sql: """
                    INSERT INTO synced_provider (provider_id, provider_name, toml_provider_id, upstream_base_url,
                        upstream_row_text, upstream_plan, local_base_url, database_path, codex_directory, user_version_seen,
                        synced_at, active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """, arguments: [
                        record.providerID, record.providerName, record.tomlProviderID, record.upstreamBaseURL,
                        record.upstreamRowText, record.upstreamPlan?.rawValue, record.localBaseURL, record.databasePath,
                        record.codexDirectory, record.userVersionSeen, record.syncedAt,
                    ])
                for endpoint in record.endpoints {
                    try db.execute(
                        sql: "INSERT INTO changed_endpoint (endpoint_id, provider_id, original_url) VALUES (?, ?, ?)",
                        arguments: [endpoint.endpointID, record.providerID, endpoint.originalURL])
                }
                for entry in record.codexEntries {
                    try db.execute(sql: """
                        INSERT INTO changed_codex_entry (provider_id, key_path, original_literal, written_literal)
                        VALUES (?, ?, ?, ?)
                        """, arguments: [record.providerID, Self.encodePath(entry.path), entry.originalLiteral, entry.writtenLiteral])
                }
            }
        }
    }

    /// After an undo: the records stay (they still name the provider) but no longer claim any change.
    func retire(providerIDs: [String]) throws(SyncError) {
        guard FileContents.exists(path), !providerIDs.isEmpty else { return }
        try access("retiring the sync record") { queue in
            try queue.write { db in
                for id in providerIDs {
                    try db.execute(sql: "UPDATE synced_provider SET active = 0 WHERE provider_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM changed_endpoint WHERE provider_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM changed_codex_entry WHERE provider_id = ?", arguments: [id])
                }
            }
        }
    }

    private func prepareFile() throws(SyncError) {
        do {
            try OwnerOnlyDirectory.create(directory)
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        // SQLite would create the file 0644; it names providers and paths, so keep it private.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: systemErrorText()) }
        _ = close(descriptor)
    }

    private func access<T>(_ operation: String, _ body: (DatabaseQueue) throws -> T) throws(SyncError) -> T {
        do {
            var configuration = Configuration()
            configuration.label = "ccmimolink.SyncState"
            configuration.busyMode = .timeout(busyTimeoutSeconds)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try Self.migrator.migrate(queue)
            return try body(queue)
        } catch {
            throw Self.classify(SyncError(error, path: path, operation: operation, busyTimeoutSeconds: busyTimeoutSeconds),
                                path: path)
        }
    }

    /// A record SQLite cannot read, or one in a shape we did not write, is damaged: say so in those
    /// words, never as a fault of cc-switch's or Codex's files. A lock is only a lock.
    private static func classify(_ error: SyncError, path: String) -> SyncError {
        switch error {
        case .malformedFile(let at, let reason) where at == path: .syncRecordDamaged(path: path, reason: reason)
        case .databaseFailed(let at, let operation, let reason) where at == path:
            .syncRecordDamaged(path: path, reason: "\(operation): \(reason)")
        default: error
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE synced_provider (
                    provider_id TEXT PRIMARY KEY NOT NULL,
                    provider_name TEXT NOT NULL,
                    toml_provider_id TEXT,
                    upstream_base_url TEXT NOT NULL,
                    upstream_row_text TEXT NOT NULL,
                    upstream_plan TEXT,
                    local_base_url TEXT NOT NULL,
                    database_path TEXT NOT NULL,
                    codex_directory TEXT NOT NULL,
                    user_version_seen INTEGER NOT NULL,
                    synced_at TEXT NOT NULL,
                    active BOOLEAN NOT NULL
                );
                CREATE TABLE changed_endpoint (
                    endpoint_id INTEGER NOT NULL,
                    provider_id TEXT NOT NULL REFERENCES synced_provider(provider_id) ON DELETE CASCADE,
                    original_url TEXT NOT NULL,
                    PRIMARY KEY (provider_id, endpoint_id)
                );
                CREATE TABLE changed_codex_entry (
                    provider_id TEXT NOT NULL REFERENCES synced_provider(provider_id) ON DELETE CASCADE,
                    key_path TEXT NOT NULL,
                    original_literal TEXT,
                    written_literal TEXT NOT NULL,
                    PRIMARY KEY (provider_id, key_path)
                );
                """)
        }
        return migrator
    }

    /// Key paths as one column: components joined by the ASCII unit separator, which no key uses.
    private static func encodePath(_ path: [String]) -> String { path.joined(separator: "\u{1F}") }
    private static func decodePath(_ text: String) -> [String] { text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
}
