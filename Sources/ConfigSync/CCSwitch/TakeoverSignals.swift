/// How to tell that cc-switch's own local proxy ("local routing") has taken Codex over, in which
/// case ccmimolink must change nothing: cc-switch restores Codex's files from its own backup when
/// the takeover ends.
enum TakeoverSignals {
    /// The key cc-switch writes into Codex's files while its proxy holds the real one.
    static let placeholderKey = "PROXY_MANAGED"
    /// The provider id cc-switch's proxy uses for official Codex.
    static let proxyProviderID = "cc-switch-official"

    /// A placeholder counts only where Codex would send it: in the table `model_provider` selects,
    /// or at the top level. One in a table nothing selects is cc-switch 4's dormant table (see
    /// `dormantTables`), not a takeover.
    static func inCodexConfig(_ layout: TOMLLayout, path: String) -> [String] {
        var signals: [String] = []
        let selected = layout.entry(["model_provider"])?.value.string
        for entry in layout.entries where entry.path.last == "experimental_bearer_token"
            && entry.value == .string(placeholderKey) {
            let inSelectedTable = entry.path.count == 3 && entry.path[0] == "model_providers" && entry.path[1] == selected
            guard inSelectedTable || entry.path.count == 1 else { continue }
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

    /// Provider tables holding the placeholder that `model_provider` does not select: what cc-switch 4
    /// leaves of a third-party route after a switch to the official provider (pointing at its proxy,
    /// `live/project/codex.rs`, `RouteWrite::Official`), so that route's sessions stay resumable.
    static func dormantTables(_ layout: TOMLLayout) -> [String] {
        let selected = layout.entry(["model_provider"])?.value.string
        return layout.entries.compactMap { entry in
            guard entry.path.count == 3, entry.path[0] == "model_providers", entry.path[2] == "experimental_bearer_token",
                  entry.value == .string(placeholderKey), entry.path[1] != selected
            else { return nil }
            return entry.path[1]
        }
    }
}
