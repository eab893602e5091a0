import ConfigSync
import Foundation
import GRDB
import Testing
import TestSupport

/// The promises that protect users' files: dry runs write nothing, cc-switch's proxy and a locked
/// database stop everything, backups stay bounded and private.
@Suite struct SafetyTests {
    private func standardHome(in directory: String) throws -> (CCSwitchHome, CodexProviderFixture) {
        let mimo = CodexProviderFixture.standardMiMo()
        let home = try CCSwitchHome(
            in: directory, providers: [.official(), mimo, .openRouter()], currentID: mimo.id,
            liveConfig: CodexLiveFixture.handEdited, liveAuth: CodexLiveFixture.auth(Keys.stale))
        return (home, mimo)
    }

    @Test func dryRunChangesNothingAndItsDiffNamesEachChange() throws {
        try withTemporaryDirectory { directory in
            let (home, mimo) = try standardHome(in: directory)
            let fingerprint = try home.fingerprint()
            let contents = try home.databaseContents()

            let report = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(dryRun: true))

            #expect(report.outcome == .wouldChange)
            #expect(report.summary.hasPrefix("dry run: would change cc-switch provider route, cc-switch endpoint 1, config.toml, auth.json"))
            #expect(try home.fingerprint() == fingerprint)
            #expect(try home.databaseContents() == contents)
            #expect(!FileManager.default.fileExists(atPath: home.paths.stateDirectory))
            let targets = report.items.filter { $0.status == .wouldChange }.map(\.target)
            #expect(targets == [
                .providerConfig(database: home.databasePath, providerID: mimo.id),
                .providerEndpoint(database: home.databasePath, endpointID: 1),
                .codexConfig(path: home.configPath), .codexAuth(path: home.authPath),
            ])
            let diff = report.diff
            #expect(diff.contains("--- \(home.databasePath) providers(id='\(mimo.id)', app_type='codex').settings_config.config\n"))
            #expect(diff.contains("-base_url = \"https://api.xiaomimimo.com/v1\"\n+base_url = \"http://127.0.0.1:9876/v1\"\n"))
            #expect(diff.contains("--- \(home.databasePath) provider_endpoints(id=1).url\n"))
            #expect(diff.contains("-https://api.xiaomimimo.com/v1\n+http://127.0.0.1:9876/v1\n"))
            #expect(diff.contains("--- \(home.configPath)\n+++ \(home.configPath)\n"))
            #expect(diff.contains("-\tbase_url=\"https://api.xiaomimimo.com/v1\"   # MiMo pay-as-you-go\n"))
            #expect(diff.contains("+model_catalog_url = \"http://127.0.0.1:9876/v1/models\"\n"))
            #expect(diff.contains("--- \(home.authPath)\n"))
            #expect(!diff.contains(Keys.standard) && !diff.contains(Keys.stale))
            #expect(report.items.allSatisfy { $0.backup == nil })
        }
    }

    @Test func undoDryRunShowsTheRestorationAndChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let (home, _) = try standardHome(in: directory)
            _ = try CCSwitchSync.sync(paths: home.paths)
            let fingerprint = try home.fingerprint()
            let backups = home.backups()
            let report = try CCSwitchSync.undo(paths: home.paths, options: UndoOptions(dryRun: true))
            #expect(report.outcome == .wouldChange)
            #expect(report.diff.contains("+base_url = \"https://api.xiaomimimo.com/v1\"\n"))
            #expect(report.diff.contains("-model_catalog_url = \"http://127.0.0.1:9876/v1/models\"\n"))
            #expect(try home.fingerprint() == fingerprint)
            #expect(home.backups() == backups)
            #expect(try CCSwitchSync.rememberedUpstream(paths: home.paths) != nil)
        }
    }

    /// Each way cc-switch's proxy takeover shows, applied to a fresh home.
    enum Takeover: String, CaseIterable {
        case authPlaceholder, bearerPlaceholder, officialProxyProvider, liveBackupRow, proxyEnabled

        func apply(to home: CCSwitchHome) throws {
            switch self {
            case .authPlaceholder:
                try home.write(CodexLiveFixture.auth("PROXY_MANAGED"), to: home.authPath)
            case .bearerPlaceholder:
                try home.write(CodexLiveFixture.handEdited.replacingOccurrences(
                    of: "requires_openai_auth = true\n", with: "experimental_bearer_token = \"PROXY_MANAGED\"\n"), to: home.configPath)
            case .officialProxyProvider:
                try home.write(CodexLiveFixture.handEdited + "\n[model_providers.cc-switch-official]\nbase_url = \"http://127.0.0.1:15721/v1\"\n",
                               to: home.configPath)
            case .liveBackupRow, .proxyEnabled:
                let queue = try home.databaseQueue()
                try queue.write { db in
                    if self == .liveBackupRow {
                        try db.execute(sql: "INSERT INTO proxy_live_backup (app_type, original_config, backed_up_at) VALUES ('codex', '{}', '2026-08-21')")
                    } else {
                        try db.execute(sql: "INSERT INTO proxy_config (app_type, enabled) VALUES ('codex', 1)")
                    }
                }
                try queue.close()
            }
        }
    }

    @Test(arguments: Takeover.allCases)
    func staysOutOfTheWayOfCCSwitchsProxy(takeover: Takeover) throws {
        try withTemporaryDirectory { directory in
            let (home, _) = try standardHome(in: directory)
            try takeover.apply(to: home)
            let fingerprint = try home.fingerprint()
            let contents = try home.databaseContents()

            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }

            guard case .proxyManaged(let signals) = error else { Issue.record("\(error)"); return }
            #expect(signals.count == 1)
            #expect(error.description.contains("cc-switch's own local proxy has taken over Codex"))
            #expect(error.description.contains("turn off local routing/takeover for Codex in cc-switch"))
            #expect(try home.fingerprint() == fingerprint)
            #expect(try home.databaseContents() == contents)
            #expect(home.backups().isEmpty)
            #expect(throws: SyncError.self) { try CCSwitchSync.undo(paths: home.paths) }
        }
    }

    @Test func aDatabaseLockedByAnotherWriterFailsClearlyAfterTheBusyTimeout() throws {
        try withTemporaryDirectory { directory in
            let (home, mimo) = try standardHome(in: directory)
            let fingerprint = try home.fingerprint()
            let contents = try home.databaseContents()
            let options = SyncOptions(busyTimeoutSeconds: 0.2)

            // cc-switch mid-save: a write transaction on its own connection.
            let writer = try home.databaseQueue()
            let error = try writer.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "UPDATE providers SET notes = 'saving' WHERE id = ? AND app_type = 'codex'", arguments: [mimo.id])
                defer { try? db.execute(sql: "ROLLBACK") }
                return #expect(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths, options: options) }
            }
            try writer.close()

            #expect(error == .databaseLocked(path: home.databasePath, busyTimeoutSeconds: 0.2))
            #expect(error?.description.contains("stayed locked for more than 0.2 s") == true)
            #expect(error?.description.contains("Nothing was changed") == true)
            #expect(try home.fingerprint() == fingerprint)
            #expect(try home.databaseContents() == contents)
            #expect(home.backups().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: home.paths.stateDatabase))
            // Once the writer is done, the same sync goes through.
            #expect(try CCSwitchSync.sync(paths: home.paths, options: options).outcome == .changed)
        }
    }

    @Test func anExclusiveLockStopsEvenTheFirstRead() throws {
        try withTemporaryDirectory { directory in
            let (home, _) = try standardHome(in: directory)
            let fingerprint = try home.fingerprint()
            let writer = try home.databaseQueue()
            let error = try writer.inDatabase { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                defer { try? db.execute(sql: "ROLLBACK") }
                return #expect(throws: SyncError.self) {
                    try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(busyTimeoutSeconds: 0.1))
                }
            }
            try writer.close()
            guard case .databaseLocked = error else { Issue.record("\(String(describing: error))"); return }
            #expect(try home.fingerprint() == fingerprint)
        }
    }

    @Test func backupsAreBoundedPerFile() throws {
        try withTemporaryDirectory { directory in
            let (home, _) = try standardHome(in: directory)
            for _ in 0..<4 {
                _ = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(backupsKept: 3))
                _ = try CCSwitchSync.undo(paths: home.paths, options: UndoOptions(backupsKept: 3))
            }
            let backups = home.backups()
            #expect(backups.filter { $0.hasPrefix("config.toml.") }.count == 3)
            #expect(backups.filter { $0.hasPrefix("cc-switch.db.") }.count == 3)
            #expect(backups.filter { $0.hasPrefix("auth.json.") }.count == 1)
            for backup in backups { #expect(try permissions(home.paths.backupDirectory + "/" + backup) == 0o600) }
            // The newest config backup is the synced file the last undo started from.
            let newest = try #require(backups.last { $0.hasPrefix("config.toml.") })
            #expect(try home.read(home.paths.backupDirectory + "/" + newest).contains("model_catalog_url"))
            // Database backups are real SQLite copies.
            let databaseBackup = try #require(backups.last { $0.hasPrefix("cc-switch.db.") })
            let copy = try DatabaseQueue(path: home.paths.backupDirectory + "/" + databaseBackup)
            #expect(try copy.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM providers") } == 4)
            try copy.close()
        }
    }
}
