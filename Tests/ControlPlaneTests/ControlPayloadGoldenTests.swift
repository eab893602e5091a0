import ControlPlane
import Foundation
import ResponsesTranslation
import Testing

/// The wire bytes of every result payload, compared with snapshots in Tests/Fixtures/control that were
/// captured from the hand-written encoding (PayloadWriter) that the coder replaced: the wire format must
/// not change.
/// `CCMIMOLINK_UPDATE_GOLDEN=1 swift test --filter ControlPayloadGolden` rewrites them; review the diff.
@Suite struct ControlPayloadGoldenTests {
    /// A payload, type-erased so the table can hold every kind.
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var encoded: @Sendable () throws -> JSONValue
        /// Whether the JSON reads back as the payload.
        var readsBack: @Sendable (JSONValue) throws -> Bool
        var testDescription: String { name }

        init<Payload: Codable & Equatable & Sendable>(_ name: String, _ payload: Payload) {
            self.name = name
            encoded = { try ControlProtocol.resultEncoder.encode(payload) }
            readsBack = { try ControlProtocol.resultDecoder.decode(Payload.self, from: $0) == payload }
        }
    }

    typealias S = ControlPayloadSamples
    static let samples: [Sample] = [
        .init("status-full", S.fullStatus), .init("status-minimal", S.minimalStatus), .init("health", S.health),
        .init("sync-full", S.fullSync), .init("sync-minimal", S.minimalSync), .init("model-full", S.fullModel),
        .init("model-minimal", S.minimalModel), .init("models", S.models), .init("models-unread", S.unreadModels),
        .init("drain", S.drain), .init("store-full", S.fullStore), .init("store-memory", S.memoryStore),
        .init("reload-full", S.fullReload), .init("reload-empty", S.emptyReload), .init("usage", S.usage),
        .init("usage-quiet", S.quietUsage),
    ]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/control")

    @Test(arguments: samples)
    func encodingMatchesItsSnapshot(sample: Sample) throws {
        let url = Self.directory.appendingPathComponent(sample.name + ".json")
        let bytes = try sample.encoded().serialized() + "\n"
        if ProcessInfo.processInfo.environment["CCMIMOLINK_UPDATE_GOLDEN"] == "1" {
            try bytes.write(to: url, atomically: true, encoding: .utf8)
        }
        let snapshot = try String(contentsOf: url, encoding: .utf8)
        #expect(bytes == snapshot, "\(sample.name) no longer encodes to Tests/Fixtures/control/\(sample.name).json")
    }

    /// What today's daemon sends, today's ccmimoctl reads as the same payload.
    @Test(arguments: samples)
    func snapshotReadsBackAsThePayload(sample: Sample) throws {
        let snapshot = try String(contentsOf: Self.directory.appendingPathComponent(sample.name + ".json"), encoding: .utf8)
        #expect(try sample.readsBack(JSONValue.parse(snapshot)))
    }

    @Test func everySnapshotHasASample() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(Self.samples.map { $0.name + ".json" }))
    }
}
