/// Comparing and classifying base URLs the way Codex uses them (`{base_url}/responses`, trailing
/// slashes trimmed).
enum BaseURL {
    /// Lower-cased scheme and host, no trailing slash: `HTTP://127.0.0.1:9876/v1/` and
    /// `http://127.0.0.1:9876/v1` are the same route.
    static func normalized(_ url: String) -> String {
        var text = Substring(url.trimmingSpaces)
        while text.hasSuffix("/") { text = text.dropLast() }
        guard let schemeEnd = text.range(of: "://") else { return String(text) }
        let authorityEnd = text[schemeEnd.upperBound...].firstIndex(of: "/") ?? text.endIndex
        return text[..<authorityEnd].lowercased() + text[authorityEnd...]
    }

    static func sameRoute(_ lhs: String, _ rhs: String) -> Bool { normalized(lhs) == normalized(rhs) }

    /// The host, lower-cased, without credentials or port; IPv6 literals keep their brackets.
    static func host(of url: String) -> String {
        var rest = Substring(url.trimmingSpaces)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { return String(rest[...close]).lowercased() }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        return String(rest).lowercased()
    }

    static func isMimoHost(_ url: String) -> Bool {
        let host = host(of: url)
        return host == "xiaomimimo.com" || host.hasSuffix(".xiaomimimo.com")
    }

    /// The daemon's catalog, which Codex fetches through `model_catalog_url`.
    static func modelsURL(daemonURL: String) -> String { normalized(daemonURL) + "/models" }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
