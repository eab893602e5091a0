/// The host part of a URL (`https://user@Host:443/v1` → `host`) or of a Host header (`Host:443`,
/// `[::1]:9876`), lower-cased, without credentials or port. IPv6 literals keep their brackets when
/// they came from a URL, so they can be put back into one.
public enum URLHost {
    public static func of(_ url: String) -> String {
        var rest = Substring(url.trimmedWhitespace)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { return String(rest[...close]).lowercased() }
        // A bare IPv6 address (a Host header may carry one without brackets) has more than one colon.
        if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        return String(rest).lowercased()
    }

    /// The same without IPv6 brackets: the form to compare names and addresses with.
    public static func name(_ url: String) -> String {
        let host = of(url)
        return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
