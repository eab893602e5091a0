/// Names that are not settings: unknown file keys and environment variables are warnings (a
/// newer config must not stop an older daemon), unknown flags are errors (a typo on the command
/// line should not be silently ignored), and the API key in the wrong place is always an error.
enum UnknownNames {
    static func fileIssues(_ document: ConfigurationDocument, path: String) -> [ConfigurationIssue] {
        var issues: [ConfigurationIssue] = []
        for key in document.values.keys.sorted() {
            let origin = SettingSource.file(path: path)
            if looksLikeAPIKey(key) {
                issues.append(ConfigurationIssue(.error, origin: origin, key: key, reason: """
                    the MiMo API key is not read from config files, because config files end up in dotfile \
                    repositories; remove it from the file and provide it through systemd credentials \
                    (LoadCredential=mimo-api-key:/path/to/key), cc-switch sync, or MIMO_API_KEY
                    """))
                continue
            }
            guard SettingKey(rawValue: key) == nil else { continue }
            var reason: String
            if let inside = document.sectionKeys[key] {
                reason = "unknown section; settings are top-level keys, and [prices] is the one section"
                let misplaced = inside.filter { SettingKey(rawValue: $0) != nil }.sorted()
                if !misplaced.isEmpty {
                    let list = misplaced.map { "'\($0)'" }.joined(separator: ", ")
                    reason += " (\(list) belong\(misplaced.count == 1 ? "s" : "") at the top level, not inside '\(key)')"
                }
            } else {
                reason = "unknown setting" + fileSuggestion(for: key)
            }
            issues.append(ConfigurationIssue(.warning, origin: origin, key: key, reason: reason))
        }
        return issues
    }

    /// Unknown `MIMO_*` variables (which include `MIMO_PROXY_*`); other variables are none of our
    /// business.
    static func environmentIssues(_ environment: [String: String]) -> [ConfigurationIssue] {
        let known = SettingKey.allCases.map(\.environmentVariable)
        return environment.keys.filter { $0.hasPrefix("MIMO_") && !known.contains($0) }.sorted().map { name in
            let hint = SpellingSuggestion.closest(to: name, among: known).map { " (did you mean \($0)?)" } ?? ""
            return ConfigurationIssue(.warning, origin: .environment(name: name), key: name,
                                      reason: "unknown setting, ignored\(hint)")
        }
    }

    /// `flags` is keyed by name without dashes.
    static func flagIssues(_ flags: [String: String]) -> [ConfigurationIssue] {
        let known = SettingKey.allCases.compactMap(\.flagName) + [ShorthandFlag.proModel]
        return flags.keys.filter { !known.contains($0) }.sorted().map { name in
            let reason: String
            if name == "api-key" {
                reason = """
                    the MiMo API key is not accepted on the command line, where every local user can read it; \
                    use MIMO_API_KEY or systemd credentials (LoadCredential=mimo-api-key:/path/to/key)
                    """
            } else {
                reason = "unknown flag"
                    + (SpellingSuggestion.closest(to: name, among: known).map { " (did you mean --\($0)?)" } ?? "")
            }
            return ConfigurationIssue(.error, origin: .flag(name: "--\(name)"), key: "--\(name)", reason: reason)
        }
    }

    /// `api_key`, and names like `mimo_api_key` or `apiKey` that can only mean it: the secret is
    /// in the file either way, and a mere "unknown setting" would invite renaming it to `api_key`.
    private static func looksLikeAPIKey(_ key: String) -> Bool {
        let normalized = key.lowercased().replacing("-", with: "_")
        return normalized.contains("api_key") || normalized.contains("apikey")
    }

    /// A near-miss key, or the key for a setting written under its environment name (`MIMO_MODEL`).
    private static func fileSuggestion(for key: String) -> String {
        let settings = SettingKey.allCases.filter(\.isAcceptedFromFile)
        if let byVariable = settings.first(where: { $0.environmentVariable.lowercased() == key.lowercased() }) {
            return " (did you mean '\(byVariable.tomlKey)'?)"
        }
        return SpellingSuggestion.closest(to: key, among: settings.map(\.tomlKey)).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
