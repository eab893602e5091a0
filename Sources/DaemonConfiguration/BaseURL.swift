/// Validation of `base_url`: an http or https URL with a host, to which the daemon appends
/// `/chat/completions`; so no query or fragment, and trailing slashes are dropped.
enum BaseURL {
    static let conversion = ValueConversion<String>.text(expected: "an http or https URL", validate)

    static func validate(_ text: String) -> Result<String, ConversionFailure> {
        if text.contains(where: { $0.isWhitespace }) {
            return .failure(.invalid(problem: "contains whitespace"))
        }
        let lowered = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) else {
            return .failure(.invalid(problem: "is not an http:// or https:// URL"))
        }
        let rest = text.dropFirst(scheme.count)
        if rest.contains("?") || rest.contains("#") {
            return .failure(.invalid(problem:
                "has a query or fragment; the daemon appends /chat/completions to the base URL"))
        }
        let authority = rest.prefix { $0 != "/" }
        guard let host = hostAndPort(authority), !host.isEmpty else {
            return .failure(.invalid(problem: "has no valid host[:port] after \(scheme)"))
        }
        var normalized = text
        while normalized.hasSuffix("/") { normalized.removeLast() }
        return .success(normalized)
    }

    /// The host of `host`, `host:port` or `[v6]:port`, or nil when the port is not 1…65535.
    private static func hostAndPort(_ authority: Substring) -> Substring? {
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.startIndex...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                port = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        if let port {
            let isDecimal = !port.isEmpty && port.allSatisfy { $0.isASCII && $0.isNumber }
            guard isDecimal, let number = Int(port), (1...65535).contains(number) else { return nil }
        }
        return host
    }
}
