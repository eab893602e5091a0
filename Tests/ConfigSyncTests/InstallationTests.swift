import ConfigSync
import Foundation
import Testing
import TestSupport

/// Where the files are, and what happens when one of them is not what it should be.
@Suite struct InstallationTests {
    @Test func standardPathsFollowTheEnvironment() throws {
        let plain = try #require(SyncPaths.standard(environment: ["HOME": "/home/u/"]))
        #expect(plain == SyncPaths(
            ccSwitchSettings: "/home/u/.cc-switch/settings.json", ccSwitchDatabase: "/home/u/.cc-switch/cc-switch.db",
            codexDirectory: nil, home: "/home/u", stateDirectory: "/home/u/.local/state/ccmimolink"))
        #expect(plain.stateDatabase == "/home/u/.local/state/ccmimolink/cc-switch-sync.sqlite")
        #expect(plain.backupDirectory == "/home/u/.local/state/ccmimolink/backups")

        let systemd = try #require(SyncPaths.standard(environment: [
            "HOME": "/home/u", "STATE_DIRECTORY": "/home/u/.local/state/ccmimolink:/other", "XDG_STATE_HOME": "/x",
            "CC_SWITCH_SETTINGS_PATH": "/etc/s.json", "CC_SWITCH_DB_PATH": "/data/cc.db",
            "CODEX_CONFIG_PATH": "/work/codex/config.toml",
        ]))
        #expect(systemd.stateDirectory == "/home/u/.local/state/ccmimolink")
        #expect(systemd.ccSwitchSettings == "/etc/s.json")
        #expect(systemd.ccSwitchDatabase == "/data/cc.db")
        #expect(systemd.codexDirectory == "/work/codex")
        #expect(try #require(SyncPaths.standard(environment: ["HOME": "/h", "XDG_STATE_HOME": "/s"])).stateDirectory == "/s/ccmimolink")
        #expect(SyncPaths.standard(environment: ["HOME": "relative"]) == nil)
    }

    @Test func usesCCSwitchsCodexConfigDir() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, codexConfigDir: "~/codex-work",
                liveConfig: CodexLiveFixture.handEdited, liveAuth: CodexLiveFixture.auth(Keys.standard))
            #expect(home.configPath == directory + "/codex-work/config.toml")
            _ = try CCSwitchSync.sync(paths: home.paths)
            #expect(try home.read(home.configPath) == CodexLiveFixture.handEditedSynced)
            #expect(!FileManager.default.fileExists(atPath: directory + "/.codex/config.toml"))
        }
    }

    enum OddFile: String, CaseIterable {
        case settingsNotJSON, authIsAnArray, configIsADirectory, providerRowNotJSON, databaseNotSQLite

        func apply(to home: CCSwitchHome) throws {
            switch self {
            case .settingsNotJSON: try home.write("{ currentProviderCodex: ", to: home.settingsPath)
            case .authIsAnArray: try home.write("[\"sk-not-an-object-key-000000\"]", to: home.authPath)
            case .configIsADirectory:
                try FileManager.default.removeItem(atPath: home.configPath)
                try FileManager.default.createDirectory(atPath: home.configPath, withIntermediateDirectories: false)
            case .providerRowNotJSON:
                let queue = try home.databaseQueue()
                try queue.write { try $0.execute(sql: "UPDATE providers SET settings_config = '{\"config\": 1' WHERE app_type = 'codex'") }
                try queue.close()
            case .databaseNotSQLite: try home.write("not a database, just text that is long enough to have a header", to: home.databasePath)
            }
        }

        func matches(_ error: SyncError, home: CCSwitchHome) -> Bool {
            switch (self, error) {
            case (.settingsNotJSON, .malformedFile(let path, _)): path == home.settingsPath
            case (.authIsAnArray, .malformedFile(let path, let reason)): path == home.authPath && reason.contains("found array")
            case (.configIsADirectory, .unreadableFile(let path, let reason)): path == home.configPath && reason.contains("not a regular file")
            case (.providerRowNotJSON, .malformedProvider(let provider, _)): provider.name == "Xiaomi MiMo"
            case (.databaseNotSQLite, .malformedFile(let path, _)): path == home.databasePath
            default: false
            }
        }
    }

    @Test(arguments: OddFile.allCases)
    func oddFilesStopTheSyncWithAPreciseErrorAndChangeNothing(odd: OddFile) throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited,
                liveAuth: CodexLiveFixture.auth(Keys.standard))
            try odd.apply(to: home)
            let fingerprint = try? home.fingerprint()

            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }

            #expect(odd.matches(error, home: home), "\(error)")
            #expect(!error.description.contains(Keys.standard))
            #expect(!error.description.contains("sk-not-an-object"))
            if let fingerprint { #expect(try home.fingerprint() == fingerprint) }
            #expect(home.backups().isEmpty)
        }
    }
}
