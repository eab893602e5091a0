/// Hides API keys in text meant for people (diffs, reports, errors): every known secret, and
/// anything shaped like a MiMo or OpenAI key, keeps at most its first three characters.
struct SecretRedaction: Sendable {
    private let secrets: [String]

    /// `secrets` are the exact values to hide (the keys read from cc-switch and Codex's files).
    init(secrets: some Sequence<String>) {
        self.secrets = Set(secrets.filter { !$0.isEmpty && $0 != TakeoverSignals.placeholderKey })
            .sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacing(secret, with: Self.shortened(secret))
        }
        return Self.redactingKeyShapedTokens(text)
    }

    static func shortened(_ secret: String) -> String {
        String(secret.prefix(min(3, max(0, secret.count - 1)))) + "…"
    }

    /// `sk-…`, `tp-…`, `ttp-…` followed by at least eight token characters.
    private static func redactingKeyShapedTokens(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let atWordStart = index == 0 || !isTokenScalar(scalars[index - 1])
            if atWordStart, let end = keyEnd(scalars, at: index) {
                output.append(contentsOf: scalars[index..<(index + 3)])
                output.append("…")
                index = end
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    private static func keyEnd(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        for prefix in ["ttp-", "tp-", "sk-"] {
            let prefixScalars = Array(prefix.unicodeScalars)
            guard start + prefixScalars.count <= scalars.count,
                  Array(scalars[start..<(start + prefixScalars.count)]) == prefixScalars
            else { continue }
            var end = start + prefixScalars.count
            while end < scalars.count, isTokenScalar(scalars[end]) { end += 1 }
            if end - start - prefixScalars.count >= 8 { return end }
        }
        return nil
    }

    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
