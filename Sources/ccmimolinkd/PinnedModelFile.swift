import Foundation
import ResponsesTranslation

/// The model pinned with `ccmimoctl model`, kept in the state directory so it survives restarts.
struct PinnedModelFile: Sendable {
    static let fileName = "pinned-model"
    let path: String

    init(stateDirectory: String) {
        path = (stateDirectory.hasSuffix("/") ? String(stateDirectory.dropLast()) : stateDirectory) + "/" + Self.fileName
    }

    /// The pinned name (an id, or a family alias such as `pro`), or nil when none is pinned. A name
    /// pinned by an older version (`mimo-v2.5-pro`) is returned as it is and resolved later, so the
    /// daemon follows what the upstream serves. A file that does not hold a plausible model name is
    /// ignored (and reported), never fatal: the configured model is a safe fallback.
    func read() -> (model: String?, problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (nil, nil) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard MimoModelName.parse(text) != nil else {
            return (nil, "ignoring \(path): it does not hold a model id; run `ccmimoctl model --reset` to remove it")
        }
        return (text, nil)
    }

    /// Writes (or, for nil, removes) the pin atomically, owner-only.
    func write(_ model: String?) throws {
        guard let model else {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try Data((model + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
