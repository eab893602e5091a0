import ControlPlane
import Foundation
import ResponsesTranslation
import Testing

/// The wire bytes of every result payload, compared with snapshots in Tests/Fixtures/control that were
/// captured from the hand-written encoding the coder replaced: the wire format must not change.
/// `CCMIMOLINK_UPDATE_GOLDEN=1 swift test --filter ControlPayloadGolden` rewrites them; review the diff.
@Suite struct ControlPayloadGoldenTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var encoded: @Sendable () -> JSONValue
        var testDescription: String { name }
    }

    typealias S = ControlPayloadSamples
    static let samples: [Sample] = [
        .init(name: "status-full") { S.fullStatus.toJSON() },
        .init(name: "status-minimal") { S.minimalStatus.toJSON() },
        .init(name: "health") { S.health.toJSON() },
        .init(name: "sync-full") { S.fullSync.toJSON() },
        .init(name: "sync-minimal") { S.minimalSync.toJSON() },
        .init(name: "model-full") { S.fullModel.toJSON() },
        .init(name: "model-minimal") { S.minimalModel.toJSON() },
        .init(name: "models") { S.models.toJSON() },
        .init(name: "models-unread") { S.unreadModels.toJSON() },
        .init(name: "drain") { S.drain.toJSON() },
        .init(name: "store-full") { S.fullStore.toJSON() },
        .init(name: "store-memory") { S.memoryStore.toJSON() },
        .init(name: "reload-full") { S.fullReload.toJSON() },
        .init(name: "reload-empty") { S.emptyReload.toJSON() },
        .init(name: "usage") { S.usage.toJSON() },
        .init(name: "usage-quiet") { S.quietUsage.toJSON() },
    ]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/control")

    @Test(arguments: samples)
    func encodingMatchesItsSnapshot(sample: Sample) throws {
        let url = Self.directory.appendingPathComponent(sample.name + ".json")
        let bytes = sample.encoded().serialized() + "\n"
        if ProcessInfo.processInfo.environment["CCMIMOLINK_UPDATE_GOLDEN"] == "1" {
            try bytes.write(to: url, atomically: true, encoding: .utf8)
        }
        let snapshot = try String(contentsOf: url, encoding: .utf8)
        #expect(bytes == snapshot, "\(sample.name) no longer encodes to Tests/Fixtures/control/\(sample.name).json")
    }

    @Test func everySnapshotHasASample() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(Self.samples.map { $0.name + ".json" }))
    }
}
