import ResponsesTranslation

/// Comparing and classifying base URLs the way Codex uses them (`{base_url}/responses`, trailing
/// slashes trimmed).
enum BaseURL {
    /// Lower-cased scheme and host, no trailing slash: `HTTP://127.0.0.1:9876/v1/` and
    /// `http://127.0.0.1:9876/v1` are the same route.
    static func normalized(_ url: String) -> String {
        var text = Substring(url.trimmedWhitespace)
        while text.hasSuffix("/") { text = text.dropLast() }
        guard let schemeEnd = text.range(of: "://") else { return String(text) }
        let authorityEnd = text[schemeEnd.upperBound...].firstIndex(of: "/") ?? text.endIndex
        return text[..<authorityEnd].lowercased() + text[authorityEnd...]
    }

    static func sameRoute(_ lhs: String, _ rhs: String) -> Bool { normalized(lhs) == normalized(rhs) }

    static func isMimoHost(_ url: String) -> Bool { MimoPlan.isMimoHost(URLHost.of(url)) }

    /// The daemon's catalog, which Codex fetches through `model_catalog_url`.
    static func modelsURL(daemonURL: String) -> String { normalized(daemonURL) + "/models" }
}
