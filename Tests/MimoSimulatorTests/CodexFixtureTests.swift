import Foundation
import ResponsesTranslation
import Testing

/// The Codex request fixtures under Tests/Fixtures/codex are inputs for other tests, so each must be a
/// complete Codex body: parseable by our own parser, shaped like a Responses request, free of the `…`
/// placeholders of the trimmed captures, and documented in the folder's README.
@Suite struct CodexFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/codex")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static func load(_ name: String) throws -> JSONValue {
        try JSONValue.parse(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
    }

    @Test func folderHoldsTheFixtures() {
        #expect(Self.fixtureNames.count >= 12)
    }

    @Test(arguments: fixtureNames)
    func fixtureIsACompleteCodexRequest(_ name: String) throws {
        let body = try Self.load(name)
        #expect(body["model"]?.stringValue?.isEmpty == false)
        #expect(body["stream"] == .bool(true))
        #expect(body["store"] == .bool(false))
        #expect(body["tool_choice"] == "auto")
        #expect(body["include"] == ["reasoning.encrypted_content"])
        #expect(body["tools"]?.arrayValue != nil)
        let input = try #require(body["input"]?.arrayValue)
        #expect(!input.isEmpty)
        #expect(input.allSatisfy { $0["type"]?.stringValue != nil }, "every input item has a type")
        let placeholder = Self.firstPlaceholder(in: body)
        #expect(placeholder == nil, "a trimmed-capture placeholder is left in \(name)")
    }

    @Test func readmeListsExactlyTheFixtures() throws {
        let readme = try String(contentsOf: Self.folder.appendingPathComponent("README.md"), encoding: .utf8)
        let listed = readme.split(separator: "\n")
            .filter { $0.hasPrefix("| `") }
            .compactMap { row in row.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(listed.sorted() == Self.fixtureNames)
    }

    /// The captures in codex-contract.md §9 elide with "…", `/* … */` and `"…":"…"` members.
    /// Returns the first string or key holding one, so a failure names it without dumping the body.
    static func firstPlaceholder(in value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            return text.contains("…") || text.contains("/*") ? text : nil
        case .array(let items):
            return items.lazy.compactMap { firstPlaceholder(in: $0) }.first
        case .object(let object):
            for member in object {
                if member.key.contains("…") { return member.key }
                if let found = firstPlaceholder(in: member.value) { return found }
            }
            return nil
        case .null, .bool, .number:
            return nil
        }
    }
}
