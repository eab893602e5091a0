import ConfigSync
import Foundation
import ResponsesTranslation

/// The last good `GET /models` answer of each upstream, in the state directory, so a restart serves
/// with what the upstream said last rather than with nothing, and never waits for MiMo to say it again.
/// Kept per base URL (a Token Plan gateway serves fewer models than the pay-as-you-go host), newest
/// first, at most `maxUpstreams`.
struct ServedModelsFile: Sendable {
    static let fileName = "served-models.json"
    static let maxUpstreams = 8
    let path: String

    struct Entry: Sendable, Equatable {
        var baseURL: String
        var fetchedAt: String
        var models: [String]
        /// Models that refused an image since `fetchedAt` (`ModelLineup.refusedImages`).
        var refusedImages: [String]

        var lineup: ModelLineup { ModelLineup(served: models, refusedImages: Set(refusedImages)) }
    }

    init(stateDirectory: String) {
        path = (stateDirectory.hasSuffix("/") ? String(stateDirectory.dropLast()) : stateDirectory) + "/" + Self.fileName
    }

    /// Every stored entry; a missing file is none, a damaged one is none plus a problem to log (the
    /// next refresh rewrites it).
    func read() -> (entries: [Entry], problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], nil) }
        guard let json = try? JSONValue.parse(Array(data)), let list = json["upstreams"]?.arrayValue else {
            return ([], "ignoring \(path): it is not a model list ccmimolink wrote; the next refresh replaces it")
        }
        let entries = list.compactMap { item -> Entry? in
            guard let baseURL = item["base_url"]?.stringValue, let fetchedAt = item["fetched_at"]?.stringValue,
                  let models = item["models"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
            return Entry(baseURL: baseURL, fetchedAt: fetchedAt, models: models,
                         refusedImages: item["refused_images"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        return (entries, nil)
    }

    func entry(for baseURL: String) -> (entry: Entry?, problem: String?) {
        let (entries, problem) = read()
        return (entries.first { $0.baseURL == baseURL }, problem)
    }

    /// Puts `entry` first, replacing the one for the same upstream; written atomically, owner-only.
    func save(_ entry: Entry) throws {
        var entries = read().entries.filter { $0.baseURL != entry.baseURL }
        entries.insert(entry, at: 0)
        let list: [JSONValue] = entries.prefix(Self.maxUpstreams).map { entry in
            ["base_url": .string(entry.baseURL), "fetched_at": .string(entry.fetchedAt),
             "models": .array(entry.models.map(JSONValue.string)),
             "refused_images": .array(entry.refusedImages.sorted().map(JSONValue.string))]
        }
        let document: JSONValue = ["version": 1, "upstreams": .array(list)]
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(document.serializedBytes() + [0x0A]),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let error = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            unlink(temporary)
            throw error
        }
    }
}
