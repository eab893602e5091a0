import Foundation

/// The model pinned with `ccmimoctl model`, kept in the state directory so it survives restarts.
struct PinnedModelFile: Sendable {
    static let fileName = "pinned-model"
    let path: String

    init(stateDirectory: String) {
        path = (stateDirectory.hasSuffix("/") ? String(stateDirectory.dropLast()) : stateDirectory) + "/" + Self.fileName
    }

    /// The pinned id, or nil when none is pinned. A file that does not hold a plausible model id is
    /// ignored (and reported), never fatal: the configured model is a safe fallback.
    func read() -> (model: String?, problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (nil, nil) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isPlausibleModelID(text) else {
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

    /// MiMo ids are short, lower-case words with digits, dots and dashes (`mimo-v2.5-pro`).
    static func isPlausibleModelID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 100
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0) }
    }
}
