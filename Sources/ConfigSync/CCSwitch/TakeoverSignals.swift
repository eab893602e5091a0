/// How to tell that cc-switch's own local proxy ("local routing") has taken Codex over, in which
/// case ccmimolink must change nothing: cc-switch restores Codex's files from its own backup when
/// the takeover ends.
enum TakeoverSignals {
    /// The key cc-switch writes into Codex's files while its proxy holds the real one.
    static let placeholderKey = "PROXY_MANAGED"
    /// The provider id cc-switch's proxy uses for official Codex.
    static let proxyProviderID = "cc-switch-official"

    static func inCodexConfig(_ layout: TOMLLayout, path: String) -> [String] {
        var signals: [String] = []
        for entry in layout.entries where entry.path.last == "experimental_bearer_token"
            && entry.value == .string(placeholderKey) {
            signals.append("\(path) sets \(TOMLLiteral.dottedKey(entry.path)) = \"\(placeholderKey)\"")
        }
        if layout.table(["model_providers", proxyProviderID]) != nil
            || layout.entries.contains(where: { $0.path.starts(with: ["model_providers", proxyProviderID]) }) {
            signals.append("\(path) has a [model_providers.\(proxyProviderID)] table")
        }
        return signals
    }

    static func inCodexAuth(apiKey: String?, path: String) -> [String] {
        apiKey == placeholderKey ? ["\(path) holds OPENAI_API_KEY = \"\(placeholderKey)\""] : []
    }
}
