import ConfigSync
import Foundation
import GRDB
import Testing
import TestSupport

/// Sync against real cc-switch databases and Codex files in temporary homes.
@Suite struct SyncTests {
    static let daemon = "http://127.0.0.1:9876/v1"

    @Test func routesTheCurrentMiMoProviderThroughTheDaemon() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [.official(), mimo, .openRouter()], currentID: mimo.id,
                liveConfig: CodexLiveFixture.handEdited, liveAuth: CodexLiveFixture.auth(Keys.standard))
            let settingsBefore = try home.read(home.settingsPath)
            let contentsBefore = try home.databaseContents()

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(report.outcome == .changed)
            #expect(report.upstream == RememberedUpstream(
                providerID: mimo.id, providerName: "Xiaomi MiMo", baseURL: "https://api.xiaomimimo.com/v1", plan: .standard))
            #expect(try CCSwitchSync.rememberedUpstream(paths: home.paths) == report.upstream)
            // Codex: two values changed and one key added; everything else byte for byte.
            #expect(try home.read(home.configPath) == CodexLiveFixture.handEditedSynced)
            #expect(try home.read(home.authPath) == CodexLiveFixture.auth(Keys.standard))
            // cc-switch: only the URL inside the row's TOML, and the endpoint row.
            #expect(try home.settingsConfig(mimo.id)
                == mimo.settingsConfig.replacingOccurrences(of: "https://api.xiaomimimo.com/v1", with: Self.daemon))
            #expect(try home.endpointURLs(mimo.id) == [Self.daemon])
            let contentsAfter = try home.databaseContents()
            #expect(contentsAfter[0] == contentsBefore[0], "user_version")
            #expect(contentsAfter.count == contentsBefore.count)
            let changedRows = zip(contentsBefore, contentsAfter).filter { $0.0 != $0.1 }
            #expect(changedRows.count == 2, "the provider row and its endpoint")
            #expect(try home.read(home.settingsPath) == settingsBefore)
            // Backups of the two files that changed, private.
            let backups = home.backups()
            #expect(backups.filter { $0.hasPrefix("config.toml.") }.count == 1)
            #expect(backups.filter { $0.hasPrefix("cc-switch.db.") }.count == 1)
            #expect(!backups.contains { $0.hasPrefix("auth.json.") })
            for backup in backups { #expect(try permissions(home.paths.backupDirectory + "/" + backup) == 0o600) }
            #expect(try permissions(home.paths.backupDirectory) == 0o700)
            #expect(try permissions(home.paths.stateDatabase) == 0o600)
            let configBackup = try #require(backups.first { $0.hasPrefix("config.toml.") })
            #expect(try home.read(home.paths.backupDirectory + "/" + configBackup) == CodexLiveFixture.handEdited)

            #expect(report.summary.hasPrefix("synced cc-switch provider \"Xiaomi MiMo\""))
            #expect(report.summary.contains("https://api.xiaomimimo.com/v1, standard"))
            #expect(report.notes.contains { $0.contains("model_catalog_json") })
            #expect(!report.diff.contains(Keys.standard))
        }
    }

    @Test func syncingTwiceWritesNothingTheSecondTime() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [.official(), mimo], currentID: mimo.id,
                liveConfig: CodexLiveFixture.handEdited, liveAuth: CodexLiveFixture.auth(Keys.standard))
            _ = try CCSwitchSync.sync(paths: home.paths)
            let fingerprint = try home.fingerprint()
            let backups = home.backups()
            let contents = try home.databaseContents()

            let second = try CCSwitchSync.sync(paths: home.paths)

            #expect(second.outcome == .alreadyInSync)
            #expect(second.summary.hasPrefix("already in sync"))
            #expect(second.items.allSatisfy { $0.status == .unchanged && $0.diff.isEmpty })
            #expect(second.upstream?.baseURL == "https://api.xiaomimimo.com/v1")
            #expect(try home.fingerprint() == fingerprint)
            #expect(home.backups() == backups)
            #expect(try home.databaseContents() == contents)
        }
    }

    /// cc-switch may have left its database in WAL mode (rusqlite can switch it); the row change must
    /// land in the WAL, be visible to a fresh reader, and undo must still restore it.
    @Test func aDatabaseInWALModeIsSyncedAndUndone() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id,
                liveConfig: CodexLiveFixture.handEdited, liveAuth: CodexLiveFixture.auth(Keys.standard))
            let original = try home.settingsConfig(mimo.id)
            // A connection that stays open keeps the WAL alive, as a running cc-switch would.
            let cc = try DatabaseQueue(path: home.databasePath)
            let mode = try cc.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode=WAL") }
            #expect(mode == "wal")

            let report = try CCSwitchSync.sync(paths: home.paths)
            #expect(report.outcome == .changed)
            #expect(try home.settingsConfig(mimo.id) == original.replacingOccurrences(of: "https://api.xiaomimimo.com/v1", with: Self.daemon))
            #expect(try home.endpointURLs(mimo.id) == [Self.daemon])

            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.settingsConfig(mimo.id) == original)
            try cc.close()
        }
    }

    @Test(arguments: [CCSwitchSchema.version17, CCSwitchSchema.version3WithLegacyColumns])
    func syncThenUndoRestoresEveryByte(schema: String) throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            var escaped = CodexProviderFixture.tokenPlanChina()
            escaped.escapesSlashes = true
            let home = try CCSwitchHome(
                in: directory, schema: schema, providers: [.official(), mimo, escaped, .openRouter()], currentID: mimo.id,
                liveConfig: CodexLiveFixture.handEdited, liveAuth: CodexLiveFixture.auth(Keys.standard))
            let contents = try home.databaseContents()
            let config = try home.read(home.configPath)
            let auth = try home.read(home.authPath)

            _ = try CCSwitchSync.sync(paths: home.paths)
            // The Token Plan row (JSON with `\/` escapes) too, chosen explicitly.
            _ = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(providerID: escaped.id))
            #expect(try home.providerConfig(escaped.id).contains(Self.daemon))
            #expect(try home.databaseContents() != contents)

            let undo = try CCSwitchSync.undo(paths: home.paths)

            #expect(undo.outcome == .undone)
            #expect(try home.databaseContents() == contents)
            #expect(try home.read(home.configPath) == config)
            #expect(try home.read(home.authPath) == auth)
            #expect(try CCSwitchSync.rememberedUpstream(paths: home.paths) == nil)
            #expect(try CCSwitchSync.undo(paths: home.paths).outcome == .nothingToUndo)
            // Found again by its MiMo signals after the undo.
            #expect(try CCSwitchSync.sync(paths: home.paths).outcome == .changed)
        }
    }

    @Test func tokenPlanProviderInAnInlineTableWithCRLF() throws {
        try withTemporaryDirectory { directory in
            let plan = CodexProviderFixture.tokenPlanChina()
            let home = try CCSwitchHome(
                in: directory, providers: [.official(), plan], currentID: plan.id,
                liveConfig: CodexLiveFixture.inlineProviderCRLF, liveAuth: CodexLiveFixture.auth(Keys.tokenPlan))

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(report.upstream?.plan == .tokenPlanChina)
            #expect(report.upstream?.baseURL == "https://token-plan-cn.xiaomimimo.com/v1")
            #expect(try home.read(home.configPath) == "model_provider = \"custom\"\r\nmodel = \"mimo-v2.5-pro\"\r\n\r\n[model_providers]\r\n"
                + "custom = { name = \"xiaomi_mimo\", base_url = \"http://127.0.0.1:9876/v1\", wire_api = \"responses\", "
                + "model_catalog_url = \"http://127.0.0.1:9876/v1/models\", requires_openai_auth = true }\r\n"
                + "other = { name = \"x\", base_url = \"https://example.com/v1\" }")
            // Both spellings of the upstream in the endpoint list point at the daemon, and come back as they were.
            #expect(try home.endpointURLs(plan.id) == [Self.daemon, Self.daemon])
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.endpointURLs(plan.id) == plan.endpoints)
            #expect(try home.read(home.configPath) == CodexLiveFixture.inlineProviderCRLF)
        }
    }

    @Test func legacyProviderThatIsNotCurrentOnlyChangesTheDatabase() throws {
        try withTemporaryDirectory { directory in
            let legacy = CodexProviderFixture.legacySingapore()
            let official = CodexProviderFixture.official(isCurrent: true)
            let liveConfig = "model = \"gpt-5.5\"\n"
            let home = try CCSwitchHome(
                in: directory, schema: CCSwitchSchema.version3WithLegacyColumns, providers: [official, legacy, .openRouter()],
                currentID: official.id, liveConfig: liveConfig, liveAuth: "{\"tokens\":{}}")

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(report.outcome == .changed)
            #expect(report.upstream?.plan == .tokenPlanSingapore)
            #expect(report.provider?.signals.contains(.legacyProviderID) == true)
            // The literal-quoted URL stays literal-quoted.
            #expect(try home.providerConfig(legacy.id).contains("base_url = 'http://127.0.0.1:9876/v1'"))
            #expect(try home.read(home.configPath) == liveConfig)
            #expect(try home.read(home.authPath) == "{\"tokens\":{}}")
            let configItem = try #require(report.items.first { $0.target == .codexConfig(path: home.configPath) })
            #expect(configItem.status == .unchanged)
            #expect(configItem.note?.contains("not Codex's current provider") == true)
        }
    }

    @Test func severalCandidatesNeedTheCurrentOneOrAnExplicitChoice() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let plan = CodexProviderFixture.tokenPlanChina()
            let home = try CCSwitchHome(
                in: directory, providers: [.official(isCurrent: true), mimo, plan], currentID: "codex-official")

            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }
            guard case .severalMimoProviders(let candidates) = error else { Issue.record("\(error)"); return }
            #expect(candidates.map(\.id) == [mimo.id, plan.id])
            #expect(error.description.contains("\"Xiaomi MiMo\" (id \(mimo.id)"))
            #expect(error.description.contains("ccmimoctl sync --provider <id>"))
            #expect(home.backups().isEmpty)

            let chosen = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(dryRun: true, providerID: plan.id))
            #expect(chosen.provider?.id == plan.id)
            let unknown = try #require(throws: SyncError.self) {
                try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(providerID: "nope"))
            }
            guard case .unknownProvider(let id, let providers) = unknown else { Issue.record("\(unknown)"); return }
            #expect(id == "nope")
            #expect(providers.map(\.id) == ["codex-official", mimo.id, plan.id])
        }
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let plan = CodexProviderFixture.tokenPlanChina()
            let home = try CCSwitchHome(in: directory, providers: [.official(), mimo, plan], currentID: plan.id)
            #expect(try CCSwitchSync.sync(paths: home.paths).provider?.id == plan.id)
        }
    }

    @Test func noMiMoProviderListsTheProvidersThereAre() throws {
        try withTemporaryDirectory { directory in
            let home = try CCSwitchHome(in: directory, providers: [.official(isCurrent: true), .openRouter()], currentID: "codex-official")
            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }
            guard case .noMimoProvider(let providers) = error else { Issue.record("\(error)"); return }
            #expect(providers.map(\.id) == ["codex-official", "openrouter"])
            #expect(error.description.contains("\"OpenRouter\" (id openrouter)"))
            #expect(error.description.contains("\"Xiaomi MiMo\" or \"Xiaomi MiMo Token Plan\" preset"))
        }
    }

    @Test func missingCCSwitchSaysWhatIsMissingAndCreatesNothing() throws {
        try withTemporaryDirectory { directory in
            let paths = SyncPaths(
                ccSwitchSettings: directory + "/.cc-switch/settings.json", ccSwitchDatabase: directory + "/.cc-switch/cc-switch.db",
                home: directory, stateDirectory: directory + "/state")
            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: paths) }
            #expect(error == .ccSwitchNotInstalled(missing: [paths.ccSwitchSettings, paths.ccSwitchDatabase]))
            #expect(error.description.contains("settings.json and \(paths.ccSwitchDatabase)"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/state"))
            #expect(!FileManager.default.fileExists(atPath: paths.ccSwitchDatabase))
        }
    }

    @Test func missingKeyRoutesButNeverWritesAPlaceholder() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo(key: nil)
            let chatGPTLogin = "{\n  \"OPENAI_API_KEY\": null,\n  \"tokens\": {\n    \"id_token\": \"x\"\n  }\n}"
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited,
                liveAuth: chatGPTLogin)

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(report.outcome == .changed)
            #expect(try home.read(home.authPath) == chatGPTLogin)
            #expect(report.notes.contains { $0.contains("cc-switch holds no API key for \"Xiaomi MiMo\"") })
            #expect(try !home.settingsConfig(mimo.id).contains("PROXY_MANAGED"))
        }
    }

    @Test func refreshesAStaleKeyInAuthJSONAndRedactsBoth() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let stale = "{\n  \"OPENAI_API_KEY\": \"\(Keys.stale)\",\n  \"last_refresh\": null\n}"
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited, liveAuth: stale)

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(try home.read(home.authPath) == stale.replacingOccurrences(of: Keys.stale, with: Keys.standard))
            let item = try #require(report.items.first { $0.target == .codexAuth(path: home.authPath) })
            #expect(item.status == .changed)
            #expect(item.diff.contains("-  \"OPENAI_API_KEY\": \"sk-…\","))
            #expect(item.diff.contains("+  \"OPENAI_API_KEY\": \"sk-…\","))
            #expect(!report.diff.contains(Keys.stale) && !report.diff.contains(Keys.standard))
            #expect(!report.diff.contains(String(Keys.standard.prefix(4))))
            // A key is refreshed, not remembered: undo leaves the real one.
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.read(home.authPath).contains(Keys.standard))
        }
    }

    @Test func createsAuthJSONPrivatelyWhenMissing() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited)
            _ = try CCSwitchSync.sync(paths: home.paths)
            #expect(try home.read(home.authPath) == "{\n  \"OPENAI_API_KEY\": \"\(Keys.standard)\"\n}\n")
            #expect(try permissions(home.authPath) == 0o600)
        }
    }

    @Test func preserveAuthModePutsTheKeyInConfigAndNeverInOurState() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let live = CodexProviderFixture.presetConfig(name: "xiaomi_mimo", baseURL: "https://api.xiaomimimo.com/v1")
                + "experimental_bearer_token = \"\(Keys.stale)\"\n"
            let login = "{\"tokens\":{\"access_token\":\"chatgpt\"}}"
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, preserveAuth: true, liveConfig: live, liveAuth: login)

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(report.layout == .ccSwitch3PreservingLogin)
            #expect(report.summary.contains("\"Xiaomi MiMo\" (cc-switch 3.x layout, preserving the ChatGPT login)"))
            let config = try home.read(home.configPath)
            #expect(config.contains("experimental_bearer_token = \"\(Keys.standard)\""))
            #expect(config.contains("base_url = \"\(Self.daemon)\""))
            #expect(try home.read(home.authPath) == login)
            #expect(!report.diff.contains(Keys.standard))
            let state = try Data(contentsOf: URL(fileURLWithPath: home.paths.stateDatabase))
            #expect(state.range(of: Data(Keys.standard.utf8)) == nil)
            #expect(state.range(of: Data(Keys.stale.utf8)) == nil)
        }
    }

    @Test func modelOptionSetsCodexModelAndUndoPutsTheOldOneBack() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited,
                liveAuth: CodexLiveFixture.auth(Keys.standard))
            _ = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(model: "v2.5"))
            #expect(try home.read(home.configPath).contains("model   =   \"mimo-v2.5\"     # the model cc-switch picked"))
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.read(home.configPath) == CodexLiveFixture.handEdited)
        }
    }

    @Test func aNewDaemonPortIsNotMistakenForTheUpstream() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited,
                liveAuth: CodexLiveFixture.auth(Keys.standard))
            _ = try CCSwitchSync.sync(paths: home.paths)
            let moved = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(daemonURL: SyncOptions.daemonURL(port: 9877)))
            #expect(moved.upstream?.baseURL == "https://api.xiaomimimo.com/v1")
            #expect(try home.providerConfig(mimo.id).contains("http://127.0.0.1:9877/v1"))
            #expect(try home.read(home.configPath).contains("model_catalog_url = \"http://127.0.0.1:9877/v1/models\""))
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.read(home.configPath) == CodexLiveFixture.handEdited)
            #expect(try home.providerConfig(mimo.id) == mimo.config)
        }
    }

    @Test func reassertsAfterCCSwitchStripsTheLocalURLFromCodex() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited,
                liveAuth: CodexLiveFixture.auth(Keys.standard))
            _ = try CCSwitchSync.sync(paths: home.paths)
            // cc-switch's placeholder cleanup removes any loopback base_url from the live file.
            let stripped = try home.read(home.configPath).replacingOccurrences(of: "\tbase_url=\"\(Self.daemon)\"   # MiMo pay-as-you-go\n", with: "")
            try home.write(stripped, to: home.configPath)

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(report.outcome == .changed)
            #expect(report.items.filter { $0.status == .changed }.map(\.target) == [.codexConfig(path: home.configPath)])
            #expect(try home.read(home.configPath).contains("base_url = \"\(Self.daemon)\""))
            #expect(report.upstream?.baseURL == "https://api.xiaomimimo.com/v1")
        }
    }

    @Test func aRouteAlreadyAtTheDaemonWithoutARecordIsNotGuessed() throws {
        try withTemporaryDirectory { directory in
            var mimo = CodexProviderFixture.standardMiMo()
            mimo.config = CodexProviderFixture.presetConfig(name: "xiaomi_mimo", baseURL: Self.daemon)
            let home = try CCSwitchHome(in: directory, providers: [mimo], currentID: mimo.id)
            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }
            guard case .upstreamUnknown = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("set its base URL back to https://api.xiaomimimo.com/v1"))
        }
    }

    @Test func followsASymbolicallyLinkedConfig() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(in: directory, providers: [mimo], currentID: mimo.id, liveAuth: CodexLiveFixture.auth(Keys.standard))
            let dotfile = directory + "/dotfiles-config.toml"
            try home.write(CodexLiveFixture.handEdited, to: dotfile)
            try FileManager.default.createSymbolicLink(atPath: home.configPath, withDestinationPath: dotfile)
            _ = try CCSwitchSync.sync(paths: home.paths)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: home.configPath) == dotfile)
            #expect(try home.read(dotfile) == CodexLiveFixture.handEditedSynced)
        }
    }

    @Test func invalidConfigTOMLIsReportedWithItsLineAndLeftAlone() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let broken = "model_provider = \"custom\"\n[model_providers.custom\nbase_url = 1\n"
            let home = try CCSwitchHome(in: directory, providers: [mimo], currentID: mimo.id, liveConfig: broken)
            let contents = try home.databaseContents()
            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }
            guard case .malformedFile(let path, let reason) = error else { Issue.record("\(error)"); return }
            #expect(path == home.configPath)
            #expect(reason.contains("line 2"))
            #expect(try home.read(home.configPath) == broken)
            #expect(try home.databaseContents() == contents)
        }
    }
}
