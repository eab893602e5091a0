import Foundation
import Testing
@testable import ResponsesTranslation

/// Parses JSON written in a test, failing the test with the parser's message when it is invalid.
func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        Issue.record("test JSON is invalid: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

func translate(_ body: String, options: TranslationOptions = TranslationOptions()) throws -> TranslatedRequest {
    try RequestTranslator.translate(body: json(body), options: options)
}

/// The messages of a translated request as JSON, the form MiMo receives.
func messages(_ request: TranslatedRequest) -> [JSONValue] {
    request.body["messages"]?.arrayValue ?? []
}

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ relativePath: String) throws -> JSONValue {
        let data = try Data(contentsOf: directory.appendingPathComponent(relativePath))
        return try JSONValue.parse([UInt8](data))
    }

    static func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }
}
