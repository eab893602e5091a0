import ConfigSync
import Foundation
import GRDB
import TestSupport

/// A home directory with a real cc-switch installation (settings.json, cc-switch.db), Codex's
/// live files and ccmimolink's state directory, under a fresh temporary directory.
struct CCSwitchHome {
    let root: String
    let paths: SyncPaths

    var settingsPath: String { paths.ccSwitchSettings }
    var databasePath: String { paths.ccSwitchDatabase }
    let codexDirectory: String
    var configPath: String { codexDirectory + "/config.toml" }
    var authPath: String { codexDirectory + "/auth.json" }

    /// `currentID` goes into settings.json's `currentProviderCodex` and the row's `is_current`.
    init(
        in root: String, schema: String = CCSwitchSchema.version17, providers: [CodexProviderFixture],
        currentID: String?, preserveAuth: Bool = false, codexConfigDir: String? = nil, liveConfig: String? = nil,
        liveAuth: String? = nil
    ) throws {
        self.root = root
        codexDirectory = codexConfigDir.map { root + "/" + $0.dropFirst(2) } ?? root + "/.codex"
        paths = SyncPaths(
            ccSwitchSettings: root + "/.cc-switch/settings.json", ccSwitchDatabase: root + "/.cc-switch/cc-switch.db",
            home: root, stateDirectory: root + "/state/ccmimolink")
        try FileManager.default.createDirectory(atPath: root + "/.cc-switch", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: codexDirectory, withIntermediateDirectories: true)

        var settings: [String: Any] = [
            "language": "zh", "visibleApps": ["claude": true, "codex": true], "backupIntervalHours": 24,
            "backupRetainCount": 10, "preserveCodexOfficialAuthOnSwitch": preserveAuth, "enableLocalProxy": false,
        ]
        if let currentID { settings["currentProviderCodex"] = currentID }
        if let codexConfigDir { settings["codexConfigDir"] = codexConfigDir }
        try JSONSerialization.data(withJSONObject: settings, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: paths.ccSwitchSettings))

        let queue = try DatabaseQueue(path: paths.ccSwitchDatabase)
        try queue.writeWithoutTransaction { db in try db.execute(sql: schema) }
        let hasLegacyColumns = schema.contains("cost_multiplier REAL")
        try queue.write { db in
            for provider in providers {
                var columns = ["id", "app_type", "name", "settings_config", "website_url", "category", "created_at",
                               "sort_index", "notes", "icon", "icon_color", "meta", "is_current"]
                var values: [(any DatabaseValueConvertible)?] = [
                    provider.id, "codex", provider.name, provider.settingsConfig, "https://platform.xiaomimimo.com",
                    provider.category, provider.createdAt, provider.sortIndex, nil, provider.icon, provider.iconColor,
                    provider.meta, provider.id == currentID,
                ]
                if hasLegacyColumns {
                    columns += ["cost_multiplier", "limit_daily_usd", "provider_type"]
                    values += [1.5, 20.0, "custom"]
                }
                try db.execute(
                    sql: "INSERT INTO providers (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                    arguments: StatementArguments(values))
                for (offset, url) in provider.endpoints.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO provider_endpoints (provider_id, app_type, url, added_at) VALUES (?, 'codex', ?, ?)",
                        arguments: [provider.id, url, provider.createdAt + Int64(offset)])
                }
            }
            // A Claude provider with the same id must never be touched.
            try db.execute(sql: """
                INSERT INTO providers (id, app_type, name, settings_config, meta, is_current)
                VALUES ('5d1c3a52-0c1e-4a8e-9f51-3e8f7c1a0b11', 'claude', 'Xiaomi MiMo', '{"env":{"ANTHROPIC_BASE_URL":"https://api.xiaomimimo.com/anthropic"}}', '{}', 1)
                """)
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES ('common_config_codex', '')")
        }
        try queue.close()

        if let liveConfig { try write(liveConfig, to: configPath) }
        if let liveAuth { try write(liveAuth, to: authPath) }
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    func databaseQueue() throws -> DatabaseQueue {
        try DatabaseQueue(path: paths.ccSwitchDatabase)
    }

    /// Every column of every row of the tables a sync may touch, plus `user_version`.
    func databaseContents() throws -> [[DatabaseValue]] {
        let queue = try databaseQueue()
        defer { try? queue.close() }
        return try queue.read { db in
            let version = try DatabaseValue.fetchOne(db, sql: "PRAGMA user_version") ?? .null
            let providers = try Row.fetchAll(db, sql: "SELECT * FROM providers ORDER BY app_type, id").map { Array($0.databaseValues) }
            let endpoints = try Row.fetchAll(db, sql: "SELECT * FROM provider_endpoints ORDER BY id").map { Array($0.databaseValues) }
            return [[version]] + providers + endpoints
        }
    }

    /// The TOML inside a Codex provider's settings_config.
    func providerConfig(_ id: String) throws -> String {
        let settings = try settingsConfig(id)
        let object = try JSONSerialization.jsonObject(with: Data(settings.utf8)) as? [String: Any]
        return object?["config"] as? String ?? ""
    }

    func settingsConfig(_ id: String) throws -> String {
        let queue = try databaseQueue()
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchOne(db, sql: "SELECT settings_config FROM providers WHERE id = ? AND app_type = 'codex'", arguments: [id]) ?? ""
        }
    }

    func endpointURLs(_ providerID: String) throws -> [String] {
        let queue = try databaseQueue()
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT url FROM provider_endpoints WHERE provider_id = ? ORDER BY id", arguments: [providerID])
        }
    }

    func backups() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: paths.backupDirectory)) ?? []).sorted()
    }

    /// Bytes and modification time of each file a sync may write, to prove one wrote nothing.
    func fingerprint() throws -> [String: FileFingerprint] {
        var result: [String: FileFingerprint] = [:]
        for path in [settingsPath, databasePath, configPath, authPath, paths.stateDatabase] {
            result[path] = try FileFingerprint(path)
        }
        return result
    }
}

struct FileFingerprint: Equatable {
    var bytes: Data?
    var modified: timespec?
    var inode: UInt64?

    init(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        modified = info.st_mtim
        inode = UInt64(info.st_ino)
    }

    static func == (lhs: FileFingerprint, rhs: FileFingerprint) -> Bool {
        lhs.bytes == rhs.bytes && lhs.inode == rhs.inode
            && lhs.modified?.tv_sec == rhs.modified?.tv_sec && lhs.modified?.tv_nsec == rhs.modified?.tv_nsec
    }
}

