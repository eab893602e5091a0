import ResponsesTranslation
import ConfigSync
import Foundation
import GRDB
import Testing
import TestSupport

/// Sync on homes cc-switch 4 set up: the key lives in config.toml, auth.json belongs to the ChatGPT
/// login, and switching to the official provider leaves a dormant route table behind.
@Suite struct CCSwitch4SyncTests {
    static let daemon = "http://127.0.0.1:9876/v1"
    static let catalogLine = "model_catalog_url = \"http://127.0.0.1:9876/v1/models\"\n"

    @Test(arguments: CCSwitch4Preset.allCases, [false, true])
    func changesOnlyTheRouteAndLeavesAuthAlone(preset: CCSwitch4Preset, preserveLogin: Bool) throws {
        try withTemporaryDirectory { directory in
            let home = try CCSwitch4Home(in: directory, preset: preset, preserveLogin: preserveLogin)
            let stash = try home.home.read(home.stashPath)
            let settings = try home.home.read(home.home.settingsPath)

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(report.outcome == .changed)
            #expect(report.layout == .ccSwitch4)
            #expect(report.summary.hasPrefix("synced cc-switch provider \"\(preset.name)\" (cc-switch 4 layout): changed"))
            #expect(report.upstream == RememberedUpstream(
                providerID: preset.id, providerName: preset.name, baseURL: preset.baseURL, plan: MimoPlan(rawValue: preset.plan)))
            // Codex: the table's base_url and a catalog URL; the key, model_provider, wire_api and
            // requires_openai_auth exactly as cc-switch 4 wrote them.
            #expect(try home.home.read(home.home.configPath)
                == CCSwitch4Live.fresh(preset, baseURL: Self.daemon, loginOnDisk: preserveLogin) + Self.catalogLine)
            if preserveLogin {
                #expect(try home.home.read(home.home.authPath) == CCSwitch4Live.chatGPTLogin)
            } else {
                #expect(!FileManager.default.fileExists(atPath: home.home.authPath), "auth.json must not be created")
            }
            #expect(try home.home.read(home.stashPath) == stash)
            #expect(try home.home.read(home.home.settingsPath) == settings)
            // cc-switch: the row's route and its endpoint, nothing else.
            #expect(try home.home.settingsConfig(preset.id)
                == preset.row.settingsConfig.replacingOccurrences(of: preset.baseURL, with: Self.daemon))
            #expect(try home.home.endpointURLs(preset.id) == [Self.daemon])
            let other = preset == .xiaomiMiMo ? CCSwitch4Preset.tokenPlanChina : .xiaomiMiMo
            #expect(try home.home.settingsConfig(other.id) == other.row.settingsConfig)
            let changed = report.items.filter { $0.status == .changed }.map(\.target)
            #expect(changed.contains(.codexConfig(path: home.home.configPath)))
            #expect(!changed.contains(.codexAuth(path: home.home.authPath)))
            let auth = try #require(report.items.first { $0.target == .codexAuth(path: home.home.authPath) })
            #expect(auth.note?.contains("never touched") == true)
            #expect(!home.home.backups().contains { $0.hasPrefix("auth.json.") })
            #expect(!report.diff.contains(preset.key))
            let state = try Data(contentsOf: URL(fileURLWithPath: home.paths.stateDatabase))
            #expect(state.range(of: Data(preset.key.utf8)) == nil)

            let again = try CCSwitchSync.sync(paths: home.paths)
            #expect(again.outcome == .alreadyInSync)
            #expect(again.summary.contains("(cc-switch 4 layout)"))
        }
    }

    @Test func aStaleBearerTokenIsRefreshedFromTheRowAndNeverShown() throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.xiaomiMiMo
            let home = try CCSwitch4Home(in: directory, preset: preset, config: CCSwitch4Live.livedIn(preset, key: Keys.stale))

            let report = try CCSwitchSync.sync(paths: home.paths)

            #expect(try home.home.read(home.home.configPath)
                == CCSwitch4Live.livedIn(preset, baseURL: Self.daemon) + Self.catalogLine)
            #expect(!FileManager.default.fileExists(atPath: home.home.authPath))
            #expect(report.diff.contains("-experimental_bearer_token = \"sk-…\"\n"))
            #expect(report.diff.contains("+experimental_bearer_token = \"sk-…\"\n"))
            let shown = report.diff + report.notes.joined() + report.summary
            #expect(!shown.contains(preset.key) && !shown.contains(Keys.stale))
            #expect(report.notes.contains { $0.hasPrefix("experimental_bearer_token set to the key cc-switch holds") })
            // The key is refreshed, never recorded, never reverted.
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(try home.home.read(home.home.configPath) == CCSwitch4Live.livedIn(preset))
        }
    }

    @Test(arguments: CCSwitch4Preset.allCases, [false, true])
    func undoRestoresEveryFileAndRowByteForByte(preset: CCSwitch4Preset, preserveLogin: Bool) throws {
        try withTemporaryDirectory { directory in
            let home = try CCSwitch4Home(
                in: directory, preset: preset, preserveLogin: preserveLogin,
                config: CCSwitch4Live.livedIn(preset, loginOnDisk: preserveLogin))
            let files = try home.contents()
            let rows = try home.home.databaseContents()

            _ = try CCSwitchSync.sync(paths: home.paths)
            #expect(try home.contents() != files)
            #expect(try home.home.databaseContents() != rows)
            let undo = try CCSwitchSync.undo(paths: home.paths)

            #expect(undo.outcome == .undone)
            #expect(try home.contents() == files)
            #expect(try home.home.databaseContents() == rows)
            #expect(try CCSwitchSync.rememberedUpstream(paths: home.paths) == nil)
        }
    }

    @Test func aDryRunSaysWhichLayoutItFound() throws {
        try withTemporaryDirectory { directory in
            let home = try CCSwitch4Home(in: directory, preset: .tokenPlanChina)
            let fingerprints = try home.fingerprints()
            let report = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(dryRun: true))
            #expect(report.layout == .ccSwitch4)
            #expect(report.summary.hasPrefix("dry run: would change cc-switch provider route, cc-switch endpoint 2, config.toml "
                + "for cc-switch provider \"Xiaomi MiMo Token Plan (China)\" (cc-switch 4 layout)"))
            #expect(report.diff.contains("+model_catalog_url = \"http://127.0.0.1:9876/v1/models\"\n"))
            #expect(!report.diff.contains("auth.json"))
            #expect(try home.fingerprints() == fingerprints)
        }
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: CodexLiveFixture.handEdited,
                liveAuth: CodexLiveFixture.auth(Keys.standard))
            let report = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(dryRun: true))
            #expect(report.layout == .ccSwitch3)
            #expect(report.summary.contains("\"Xiaomi MiMo\" (cc-switch 3.x layout)"))
        }
    }

    /// The official provider leaves the route table dormant: a sync must neither take that for
    /// cc-switch's proxy nor write a route into it; switching back to MiMo and syncing restores it.
    @Test(arguments: [false, true])
    func aDormantTableIsLeftAloneUntilMiMoIsCurrentAgain(preserveLogin: Bool) throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.xiaomiMiMo
            let home = try CCSwitch4Home(
                in: directory, preset: preset, preserveLogin: preserveLogin,
                config: CCSwitch4Live.livedIn(preset, loginOnDisk: preserveLogin))
            _ = try CCSwitchSync.sync(paths: home.paths)
            try home.switchCodex(to: "codex-official", config: CCSwitch4Live.dormant, auth: CCSwitch4Live.chatGPTLogin,
                                 stash: CCSwitch4Live.emptyStash)
            let fingerprints = try home.fingerprints()

            let dormant = try CCSwitchSync.sync(paths: home.paths)

            #expect(dormant.outcome == .alreadyInSync)
            #expect(try home.fingerprints() == fingerprints)
            #expect(dormant.notes.contains { $0.contains("dormant table") && $0.contains("switch Codex back to \"Xiaomi MiMo\"") })
            let config = try #require(dormant.items.first { $0.target == .codexConfig(path: home.home.configPath) })
            #expect(config.status == .unchanged && config.note?.contains("PROXY_MANAGED") == true)
            #expect(try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(dryRun: true)).outcome == .alreadyInSync)

            // Back to MiMo: cc-switch 4 writes the row's route (the daemon's, since the sync) into the table.
            try home.switchCodex(
                to: preset.id, config: CCSwitch4Live.backFromDormant(preset, baseURL: Self.daemon, loginOnDisk: preserveLogin),
                auth: preserveLogin ? CCSwitch4Live.chatGPTLogin : nil,
                stash: preserveLogin ? CCSwitch4Live.emptyStash : CCSwitch4Live.stashHoldingTheLogin)
            let stash = try home.home.read(home.stashPath)

            let back = try CCSwitchSync.sync(paths: home.paths)

            #expect(back.outcome == .changed)
            #expect(back.upstream?.baseURL == preset.baseURL)
            #expect(try home.home.read(home.home.configPath)
                == CCSwitch4Live.backFromDormant(preset, baseURL: Self.daemon, loginOnDisk: preserveLogin) + Self.catalogLine)
            #expect(FileManager.default.fileExists(atPath: home.home.authPath) == preserveLogin)
            #expect(try home.home.read(home.stashPath) == stash)
        }
    }

    @Test func aFirstSyncWhileDormantOnlyReroutesTheRow() throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.tokenPlanChina
            let home = try CCSwitch4Home(in: directory, preset: preset)
            try home.switchCodex(to: "codex-official", config: CCSwitch4Live.dormant, auth: CCSwitch4Live.chatGPTLogin,
                                 stash: CCSwitch4Live.emptyStash)
            let config = try home.home.read(home.home.configPath)
            let auth = try home.home.read(home.home.authPath)

            // Both MiMo presets exist and neither is current: the user names the one to route.
            let report = try CCSwitchSync.sync(paths: home.paths, options: SyncOptions(providerID: preset.id))

            #expect(report.outcome == .changed)
            #expect(report.provider?.id == preset.id)
            #expect(try home.home.providerConfig(preset.id) == preset.rowConfig(baseURL: Self.daemon))
            #expect(try home.home.read(home.home.configPath) == config)
            #expect(try home.home.read(home.home.authPath) == auth)
            #expect(report.notes.contains { $0.contains("dormant table") })
        }
    }

    /// `CCSwitch4Live.livedIn` with `profile = "<profile>"` selected and `[profiles.<profile>]` holding `setting`.
    static func livedIn(_ preset: CCSwitch4Preset, profile: String, setting: String) -> String {
        CCSwitch4Live.livedIn(preset)
            .replacingOccurrences(of: "approval_policy = \"on-request\"\n", with: "approval_policy = \"on-request\"\nprofile = \"\(profile)\"\n")
            + "\n[profiles.\(profile)]\n\(setting)\n"
    }

    @Test func aProfileThatPicksAnotherProviderStopsTheSync() throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.xiaomiMiMo
            let home = try CCSwitch4Home(
                in: directory, preset: preset, config: Self.livedIn(preset, profile: "work", setting: "model_provider = \"openrouter\""))
            let fingerprints = try home.fingerprints()
            let rows = try home.home.databaseContents()

            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }

            #expect(error == .profileOverridesProvider(
                path: home.home.configPath, profile: "work", profileProviderID: "openrouter", tableID: "custom"))
            #expect(error.description.contains("Remove model_provider from [profiles.work]"))
            #expect(try home.fingerprints() == fingerprints)
            #expect(try home.home.databaseContents() == rows)
            #expect(home.home.backups().isEmpty)
        }
        // A profile that only changes the model leaves the route in use.
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.xiaomiMiMo
            let home = try CCSwitch4Home(
                in: directory, preset: preset, config: Self.livedIn(preset, profile: "fast", setting: "model = \"mimo-v2.6-flash\""))
            #expect(try CCSwitchSync.sync(paths: home.paths).outcome == .changed)
        }
    }

    @Test(arguments: ["gcp", "amazon-bedrock-runtime", "openai", "ollama", "lmstudio"])
    func aReservedProviderTableIsReportedWithTheFix(id: String) throws {
        try withTemporaryDirectory { directory in
            var mimo = CodexProviderFixture.standardMiMo()
            mimo.config = CodexProviderFixture.presetConfig(name: "xiaomi_mimo", baseURL: "https://api.xiaomimimo.com/v1")
                .replacingOccurrences(of: "custom", with: id)
            let home = try CCSwitchHome(
                in: directory, providers: [mimo], currentID: mimo.id, liveConfig: mimo.config,
                liveAuth: CodexLiveFixture.auth(Keys.standard))
            let fingerprint = try home.fingerprint()
            let rows = try home.databaseContents()

            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }

            #expect(error == .reservedProviderID(path: home.configPath, tableID: id))
            #expect(error.description.contains("Codex 0.169 reserves the id \"\(id)\""))
            #expect(error.description.contains("rename model_provider = \"\(id)\" and [model_providers.\(id)] to \"custom\""))
            #expect(try home.fingerprint() == fingerprint)
            #expect(try home.databaseContents() == rows)
        }
    }

    @Test func anotherReservedTableInConfigIsNamedInANote() throws {
        try withTemporaryDirectory { directory in
            let preset = CCSwitch4Preset.xiaomiMiMo
            let config = CCSwitch4Live.livedIn(preset) + "\n[model_providers.ollama]\nbase_url = \"http://localhost:11434/v1\"\n"
            let home = try CCSwitch4Home(in: directory, preset: preset, config: config)
            let report = try CCSwitchSync.sync(paths: home.paths)
            #expect(report.outcome == .changed)
            #expect(report.notes.contains { $0.contains("[model_providers.ollama]") && $0.contains("Codex refuses to load the file") })
        }
    }

    /// cc-switch 4 installed, but Codex's files still in 3.x's shape (no switch since the upgrade):
    /// the files decide, so the key Codex sends (auth.json's) stays right.
    @Test func filesStillIn3xShapeOnAVersion24DatabaseKeep3xRules() throws {
        try withTemporaryDirectory { directory in
            let mimo = CodexProviderFixture.standardMiMo()
            let home = try CCSwitchHome(
                in: directory, schema: CCSwitchSchema.version24, providers: [.official(), mimo], currentID: mimo.id,
                liveConfig: CodexLiveFixture.handEdited, liveAuth: CodexLiveFixture.auth(Keys.stale))
            let report = try CCSwitchSync.sync(paths: home.paths)
            #expect(report.layout == .ccSwitch3)
            #expect(try home.read(home.configPath) == CodexLiveFixture.handEditedSynced)
            #expect(try home.read(home.authPath) == CodexLiveFixture.auth(Keys.standard))
        }
    }
}
