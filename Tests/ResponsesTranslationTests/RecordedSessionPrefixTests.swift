import Foundation
import MimoSimulator
import SessionReplay
import Testing
@testable import ResponsesTranslation

/// MiMo bills a prompt prefix it has seen at about 1 % of fresh input, so each request of a
/// conversation must be an exact extension of the previous one sent to the same model. Checked on a
/// real Codex session (Tests/Fixtures/sessions, recorded by Benchmarks/CacheReuse/record-session):
/// its Codex requests go through today's translator one by one, as the daemon would send them.
@Suite struct RecordedSessionPrefixTests {
    static func session() throws -> RecordedSession {
        try RecordedSession(fixture: try Fixtures.load("sessions/codex-session.json"))
    }

    /// The session covers what the prefix could trip on: at least 20 turns, shell and apply_patch
    /// calls, images, a daemon restart, and a model that refuses images.
    @Test func theRecordingIsTheSessionPromised() throws {
        let session = try Self.session()
        #expect(session.turns.count >= 20)
        let items = session.requests.last?.body["input"]?.arrayValue ?? []
        #expect(items.contains { $0["type"] == "function_call" && $0["name"] == "exec_command" })
        #expect(items.contains { $0["type"] == "custom_tool_call" && $0["name"] == "apply_patch" })
        #expect(session.turns.filter { $0.image != nil }.count >= 2)
        let restart = try #require(session.turns.first { $0.daemonRestartedBefore })
        #expect(restart.number > 1 && restart.number < session.turns.count)
        #expect(session.textOnlyModels == [ModelDefaults.text])
        // Codex only ever added to its history, so a bridge can always extend its previous prompt.
        #expect(ClientExtension.flags(session.requests.map(\.body)).dropFirst().allSatisfy { $0 })
    }

    /// When every model takes images, all requests go to one model and each prompt extends the
    /// previous one whole: nothing derived (notes, placeholders, ids, reasoning, tool list, system
    /// message, key order, numbers) changed between turns.
    @Test func everyPromptExtendsThePreviousOne() throws {
        let replay = try SessionMeasurement.replay(try Self.session(), textOnly: [])
        #expect(Set(replay.rows.map(\.model)) == [ModelDefaults.text])
        for (row, previous) in zip(replay.rows.dropFirst(), replay.rows) {
            #expect(row.reusableBytes == previous.promptBytes, "request \(row.request) (turn \(row.turn)) breaks the prefix")
            #expect(row.isBest)
        }
        #expect(replay.sent.allSatisfy { $0.rejection == nil && $0.refusedBy.isEmpty })
    }

    /// When the text model refuses images, image turns go to the vision model: each model's cache
    /// then starts from its own previous prompt, which must still be a prefix. MiMo's rules hold.
    @Test func eachModelsPromptExtendsItsPreviousOne() throws {
        let session = try Self.session()
        let replay = try SessionMeasurement.replay(session, textOnly: session.textOnlyModels)
        #expect(Set(replay.rows.map(\.model)) == [ModelDefaults.text, ModelDefaults.images])
        var latest: [String: Int] = [:]
        for row in replay.rows {
            if let previous = latest[row.model] {
                #expect(row.reusableBytes == previous, "request \(row.request) (turn \(row.turn)) breaks \(row.model)'s prefix")
            }
            latest[row.model] = row.promptBytes
        }
        #expect(replay.sent.allSatisfy { $0.rejection == nil })
        #expect(replay.sent.filter { !$0.refusedBy.isEmpty }.count == 1, "the refusal is learned once, and kept")
    }
}
