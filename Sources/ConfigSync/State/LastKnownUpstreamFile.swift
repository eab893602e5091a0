import ResponsesTranslation
import Foundation

/// The upstream last read from the sync record, kept in a small JSON file next to it
/// (`cc-switch-upstream.json`, 0600). It is what the daemon keeps using when the record itself
/// cannot be read: a damaged SQLite file must not quietly send traffic to MiMo's default host.
/// A separate plain file, so whatever damages the record rarely takes this along.
struct LastKnownUpstreamFile {
    static let fileName = "cc-switch-upstream.json"

    let path: String
    let directory: String

    init(paths: SyncPaths) {
        directory = SyncPaths.trimmingTrailingSlashes(paths.stateDirectory)
        path = directory + "/" + Self.fileName
    }

    /// The upstream saved last; nil when none is saved or the file cannot be read.
    func read() -> RememberedUpstream? {
        guard let bytes = try? FileContents.read(path),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let providerID = object["provider_id"] as? String, let name = object["provider_name"] as? String,
              let baseURL = object["base_url"] as? String
        else { return nil }
        return RememberedUpstream(
            providerID: providerID, providerName: name, baseURL: baseURL,
            plan: (object["plan"] as? String).flatMap(MimoPlan.init(rawValue:)))
    }

    /// Saves `upstream` (nil removes the file: no provider is synced) when it differs from the file.
    func keep(_ upstream: RememberedUpstream?) throws(FileFailure) {
        guard read() != upstream else { return }
        guard let upstream else {
            guard unlink(path) == 0 || errno == ENOENT else { throw FileFailure(path: path, reason: systemErrorText()) }
            return
        }
        let object: [String: Any] = [
            "provider_id": upstream.providerID, "provider_name": upstream.providerName, "base_url": upstream.baseURL,
            "plan": upstream.plan?.rawValue ?? NSNull(),
        ]
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw FileFailure(path: path, reason: "\(error)")
        }
        try OwnerOnlyDirectory.create(directory)
        try AtomicFileWrite.replace(path, with: Array(data) + [UInt8(ascii: "\n")], newFileMode: 0o600)
    }
}
