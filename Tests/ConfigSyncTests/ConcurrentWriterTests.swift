@testable import ConfigSync
import Foundation
import GRDB
import Testing
import TestSupport

/// cc-switch saving between the sync's read and its write. cc-switch 4 writes with compare-and-swap
/// against the bytes it read; the sync must do the same: notice, plan again once on top of what
/// cc-switch wrote, and never write over it. The hooks put cc-switch's write at that exact moment.
@Suite struct ConcurrentWriterTests {
    static let daemon = "http://127.0.0.1:9876/v1"
    static let catalogLine = "model_catalog_url = \"http://127.0.0.1:9876/v1/models\"\n"

    /// The attempts a hook saw, from the sync's thread.
    final class Attempts: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Int] = []
        func add(_ attempt: Int) { lock.withLock { seen.append(attempt) } }
        var all: [Int] { lock.withLock { seen } }
    }

    @Test func configWrittenByCCSwitchJustBeforeOurRenameIsKeptAndSyncedOnTop() throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.xiaomiMiMo
            let home = try CCSwitch4Home(in: directory, preset: preset, config: CCSwitch4Live.livedIn(preset))
            // The user picks another model in cc-switch while the sync runs.
            let theirs = CCSwitch4Live.livedIn(preset).replacingOccurrences(of: "mimo-v2.6-pro\"", with: "mimo-v2.6-flash\"")
            let configPath = home.home.configPath
            let attempts = Attempts()
            var hooks = SyncTestHooks()
            hooks.beforeFileWrite = { path, attempt in
                attempts.add(attempt)
                if attempt == 1, path == configPath { try? Data(theirs.utf8).write(to: URL(fileURLWithPath: path)) }
            }

            let report = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(), hooks: hooks)

            #expect(attempts.all == [1, 2])
            #expect(report.outcome == .changed)
            let expected = CCSwitch4Live.livedIn(preset, baseURL: Self.daemon)
                .replacingOccurrences(of: "mimo-v2.6-pro\"", with: "mimo-v2.6-flash\"") + Self.catalogLine
            #expect(try home.home.read(configPath) == expected)
            #expect(try home.home.providerConfig(preset.id) == preset.rowConfig(baseURL: Self.daemon))
            // Undo starts from cc-switch's bytes, not the ones the first plan saw.
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.home.read(configPath) == theirs)
        }
    }

    @Test func aRowSavedByCCSwitchInAWALDatabaseIsPlannedAgain() throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.tokenPlanChina
            let home = try CCSwitch4Home(in: directory, preset: preset)
            // cc-switch's long-lived connection, with the database in WAL mode.
            let ccSwitch = try DatabaseQueue(path: home.home.databasePath)
            defer { try? ccSwitch.close() }
            let mode = try ccSwitch.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode=WAL") }
            #expect(mode == "wal")
            let saved = preset.row.settingsConfig.replacingOccurrences(of: "mimo-v2.6-pro\\\"", with: "mimo-v2.6-flash\\\"")
            #expect(saved != preset.row.settingsConfig)
            let attempts = Attempts()
            var hooks = SyncTestHooks()
            hooks.beforeDatabaseWrite = { attempt in
                attempts.add(attempt)
                guard attempt == 1 else { return }
                try? ccSwitch.write { db in
                    try db.execute(sql: "UPDATE providers SET settings_config = ? WHERE id = ? AND app_type = 'codex'",
                                   arguments: [saved, preset.id])
                }
            }

            let report = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(), hooks: hooks)

            #expect(attempts.all == [1, 2])
            #expect(report.outcome == .changed)
            #expect(try home.home.settingsConfig(preset.id) == saved.replacingOccurrences(of: preset.baseURL, with: Self.daemon))
            #expect(try home.home.endpointURLs(preset.id) == [Self.daemon])
            #expect(try home.home.read(home.home.configPath)
                == CCSwitch4Live.fresh(preset, baseURL: Self.daemon) + Self.catalogLine)
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.home.settingsConfig(preset.id) == saved)
        }
    }

    /// A writer that changes the file on every attempt: the sync re-plans once, then gives up with a
    /// clear error, and what cc-switch wrote last is what stays.
    @Test func aFileThatKeepsChangingEndsTheSyncAfterOneReplan() throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.xiaomiMiMo
            let home = try CCSwitch4Home(in: directory, preset: preset)
            let configPath = home.home.configPath
            let attempts = Attempts()
            var hooks = SyncTestHooks()
            hooks.beforeFileWrite = { path, attempt in
                attempts.add(attempt)
                let text = CCSwitch4Live.fresh(preset) + "# saved by cc-switch, attempt \(attempt)\n"
                try? Data(text.utf8).write(to: URL(fileURLWithPath: path))
            }

            let error = try #require(throws: SyncError.self) {
                try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(), hooks: hooks)
            }

            #expect(error == .keptChanging(path: configPath))
            #expect(attempts.all == [1, 2])
            #expect(try home.home.read(configPath) == CCSwitch4Live.fresh(preset) + "# saved by cc-switch, attempt 2\n")
        }
    }
}
