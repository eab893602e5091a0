/// The one policy for showing secrets. Only a key's plan prefix (`sk-`, `tp-`, `ttp-`: four characters
/// at most, and only on a key long enough that the prefix is a small part of it) may ever be shown,
/// with the length when keys must be told apart; everything else becomes `…`. Every log line, error
/// body, diff, report and request record goes through here.
public enum SecretRedaction {
    /// The plan prefixes MiMo's keys start with (mimo-api.md §1), longest first.
    static let planPrefixes = ["ttp-", "tp-", "sk-"]
    /// A key shorter than this shows no prefix: three of eight characters would be too much.
    static let minimumKeyLengthForPrefix = 12
    /// Shorter runs after a prefix are ordinary words ("sk-learn"), not keys.
    static let minimumTokenLength = 8

    /// The part of `key` that may be shown: its plan prefix, or nothing.
    public static func visiblePrefix(of key: String) -> String {
        guard key.count >= minimumKeyLengthForPrefix else { return "" }
        let lowered = key.lowercased()
        guard let prefix = planPrefixes.first(where: { lowered.hasPrefix($0) }) else { return "" }
        return String(key.prefix(prefix.count))
    }

    /// `sk-…`: where a key stands in text people read (a diff, a request record).
    public static func placeholder(for key: String) -> String {
        visiblePrefix(of: key) + "…"
    }

    /// `sk-…(len 26)`: the prefix and the length, enough to tell two keys apart (log lines, status).
    public static func summary(of key: String) -> String {
        "\(placeholder(for: key))(len \(key.unicodeScalars.count))"
    }

    /// Text we did not write (an upstream error body, a file's content): each of `known` becomes its
    /// placeholder, and so does anything shaped like a key (a plan prefix and at least eight token
    /// characters) or a Bearer credential.
    public static func redacting(_ text: String, known: [String] = []) -> String {
        var text = text
        for secret in Set(known).sorted(by: { $0.count > $1.count }) where secret.count >= minimumTokenLength && text.contains(secret) {
            text = text.replacing(secret, with: placeholder(for: secret))
        }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let atWordStart = index == 0 || !isTokenScalar(scalars[index - 1])
            if atWordStart, let (kept, end) = secret(in: scalars, at: index) {
                output.append(contentsOf: scalars[index..<(index + kept)])
                output.append(contentsOf: "…".unicodeScalars)
                index = end
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    private static let prefixScalars = planPrefixes.map { Array($0.unicodeScalars) }
    private static let bearer = Array("bearer ".unicodeScalars)

    /// How many scalars to keep and where the secret ends, when one starts at `start`.
    private static func secret(in scalars: [Unicode.Scalar], at start: Int) -> (kept: Int, end: Int)? {
        for prefix in prefixScalars where matches(prefix, in: scalars, at: start) {
            let end = tokenEnd(in: scalars, from: start + prefix.count, allowing: isTokenScalar)
            if end - (start + prefix.count) >= minimumTokenLength { return (prefix.count, end) }
        }
        if matches(bearer, in: scalars, at: start) {
            let end = tokenEnd(in: scalars, from: start + bearer.count) { isTokenScalar($0) || "./+=~".unicodeScalars.contains($0) }
            if end - (start + bearer.count) >= minimumTokenLength { return (bearer.count, end) }
        }
        return nil
    }

    private static func matches(_ pattern: [Unicode.Scalar], in scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + pattern.count <= scalars.count else { return false }
        for (offset, expected) in pattern.enumerated() {
            let scalar = scalars[start + offset]
            let lowered = ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
            if lowered != expected { return false }
        }
        return true
    }

    private static func tokenEnd(in scalars: [Unicode.Scalar], from start: Int, allowing allowed: (Unicode.Scalar) -> Bool) -> Int {
        var end = start
        while end < scalars.count, allowed(scalars[end]) { end += 1 }
        return end
    }

    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
