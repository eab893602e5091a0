import ConfigSync
import Foundation
import Testing
import TestSupport

/// ccmimolink's own sync record going bad: never silent, never a quiet move to MiMo's default host.
@Suite struct DamagedRecordTests {
    private func syncedHome(in directory: String) throws -> (CCSwitch4Home, RememberedUpstream) {
        let home = try CCSwitch4Home(in: directory, preset: .tokenPlanChina)
        let report = try CCSwitchSync.sync(paths: home.paths)
        return (home, try #require(report.upstream))
    }

    private var lastKnownFile: String { "cc-switch-upstream.json" }

    @Test func aSyncKeepsTheLastKnownUpstreamBesideTheRecord() throws {
        try withTemporaryDirectory { directory in
            let (home, upstream) = try syncedHome(in: directory)
            let file = home.paths.stateDirectory + "/" + lastKnownFile
            #expect(FileManager.default.fileExists(atPath: file), "written by the sync itself, daemon or not")

            let recall = CCSwitchSync.recallUpstream(paths: home.paths)

            #expect(recall == UpstreamRecall(upstream: upstream))
            #expect(try permissions(file) == 0o600)
            let saved = try home.home.read(file)
            #expect(saved.contains("\"base_url\":\"https://token-plan-cn.xiaomimimo.com/v1\""))
            #expect(saved.contains("\"plan\":\"token-plan-cn\""))
            #expect(!saved.contains(CCSwitch4Preset.tokenPlanChina.key))
        }
    }

    @Test func aDamagedRecordFallsBackToTheLastKnownUpstreamAndSaysWhy() throws {
        try withTemporaryDirectory { directory in
            let (home, upstream) = try syncedHome(in: directory)
            try home.home.write("this is not an SQLite database, whatever it once was", to: home.paths.stateDatabase)
            let fingerprints = try home.fingerprints()
            let rows = try home.home.databaseContents()

            let recall = CCSwitchSync.recallUpstream(paths: home.paths)

            #expect(recall.upstream == upstream, "keeps serving where the record last said")
            guard case .syncRecordDamaged(let path, let reason)? = recall.recordProblem else {
                Issue.record("\(String(describing: recall.recordProblem))")
                return
            }
            #expect(path == home.paths.stateDatabase)
            #expect(reason.contains("SQLite error 26"))
            #expect(throws: SyncError.self) { try CCSwitchSync.rememberedUpstream(paths: home.paths) }
            // A sync cannot run without the record (it holds the real URL); it says so and changes nothing.
            let error = try #require(throws: SyncError.self) { try CCSwitchSync.sync(paths: home.paths) }
            #expect(error == recall.recordProblem)
            #expect(error.description.contains("ccmimolink's sync record \(home.paths.stateDatabase) cannot be read"))
            #expect(error.description.contains("mv \(home.paths.stateDatabase) \(home.paths.stateDatabase).damaged"))
            #expect(!error.description.contains("cc-switch rewrites Codex's files"))
            #expect(try home.fingerprints() == fingerprints)
            #expect(try home.home.databaseContents() == rows)
        }
    }

    @Test func afterAnUndoNothingIsKnownAndADamagedRecordSaysSo() throws {
        try withTemporaryDirectory { directory in
            let (home, _) = try syncedHome(in: directory)
            _ = try CCSwitchSync.undo(paths: home.paths)
            #expect(!FileManager.default.fileExists(atPath: home.paths.stateDirectory + "/" + lastKnownFile))
            #expect(CCSwitchSync.recallUpstream(paths: home.paths) == UpstreamRecall(upstream: nil))

            try home.home.write("garbage", to: home.paths.stateDatabase)
            let recall = CCSwitchSync.recallUpstream(paths: home.paths)
            #expect(recall.upstream == nil)
            #expect(recall.recordProblem != nil)
        }
    }
}
