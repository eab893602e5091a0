import Foundation
import MimoSimulator
import Testing
@testable import ResponsesTranslation

/// Golden tests over real Codex CLI 0.163.0 request bodies (Tests/Fixtures/codex). Each translation
/// must (1) be accepted by the MiMo validator, which answers 400 exactly where MiMo would, and
/// (2) equal its reviewed golden file in Tests/Fixtures/golden. After an intended change, regenerate
/// with `CCMIMOLINK_UPDATE_GOLDEN=1 swift test --filter CodexFixtureTranslation` and review the diff.
@Suite struct CodexFixtureTranslationTests {
    static let names = (try? Fixtures.names(in: "codex")) ?? []
    static let options = TranslationOptions(activeModel: "mimo-v2.6-pro", lineup: ModelLineup(refusedImages: ["mimo-v2.6-pro"]))

    static func summary(of r: TranslatedRequest) -> JSONValue {
        [
            "upstream_model": .string(r.upstreamModel),
            "mode": .string(r.mode == .compact ? "compact" : "respond"),
            "notes": .array(r.notes.map { .string($0.description) }),
            "body": r.body,
        ]
    }

    @Test func fixturesArePresent() {
        #expect(Self.names.count >= 12)
    }

    @Test(arguments: names)
    func translationIsAcceptedByMimoAndMatchesGolden(name: String) throws {
        let body = try Fixtures.load("codex/\(name)")
        let translated = try RequestTranslator.translate(body: body, options: Self.options)

        if case .failure(let rejection) = MimoRequestValidator().validate(translated.body) {
            Issue.record("MiMo would answer \(rejection.status): \(rejection.body.serialized())")
        }

        let goldenURL = Fixtures.directory.appendingPathComponent("golden/\(name)")
        let actual = Self.summary(of: translated)
        if ProcessInfo.processInfo.environment["CCMIMOLINK_UPDATE_GOLDEN"] == "1" {
            try (actual.prettyPrinted() + "\n").write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try Fixtures.load("golden/\(name)")
        #expect(actual == golden, "translation of \(name) differs from its golden file")
    }

    @Test func fixtureSpecificFacts() throws {
        func load(_ name: String) throws -> TranslatedRequest {
            try RequestTranslator.translate(body: try Fixtures.load("codex/\(name).json"), options: Self.options)
        }
        let image = try load("image-input-turn")
        #expect(image.upstreamModel == "mimo-v2.6-flash")
        #expect(image.containsImages)

        let unknown = try load("unknown-item-types")
        let dropped = unknown.notes.filter { $0.kind == .droppedItem }.map(\.detail)
        #expect(dropped.contains("web_search_call") && dropped.contains("additional_tools") && dropped.contains("future_item"))

        let remote = try load("remote-compaction-v2-trigger")
        #expect(remote.mode == .compact)

        let firstTurn = try load("first-turn-unknown-slug")
        #expect(firstTurn.notes.contains { $0.kind == .droppedTool && $0.detail.hasPrefix("web_search") })
        #expect(firstTurn.body["tools"]?.arrayValue?.contains { $0["function"]?["name"] == "multi_agent_v1__spawn_agent" } == true)

        let toolSearch = try load("tool-search-round-trip")
        #expect(toolSearch.catalog.route(forUpstreamName: "mcp__mini__ping")?.namespace == "mcp__mini")
    }
}
