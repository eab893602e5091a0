/// Removes anything that looks like a MiMo key from text we did not write (upstream error bodies,
/// which may echo the rejected key) before it reaches a log line or the client.
enum SecretRedaction {
    private static let keyPrefixes: [[Unicode.Scalar]] = ["ttp-", "tp-", "sk-"].map { Array($0.unicodeScalars) }
    private static let bearer = Array("bearer ".unicodeScalars)
    /// Shorter runs are ordinary words such as "sk-learn"; real keys are far longer.
    private static let minimumSecretLength = 8

    /// `known` is replaced wherever it occurs; other `sk-`/`tp-`/`ttp-` tokens and Bearer
    /// credentials keep only their prefix.
    static func redacting(_ text: String, known: MimoAPIKey? = nil) -> String {
        var text = text
        if let known, known.value.count >= minimumSecretLength {
            text = text.replacing(known.value, with: known.redacted)
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

    /// The number of scalars to keep and where the secret ends, when one starts at `start`.
    private static func secret(in scalars: [Unicode.Scalar], at start: Int) -> (kept: Int, end: Int)? {
        for prefix in keyPrefixes where matches(prefix, in: scalars, at: start) {
            let end = tokenEnd(in: scalars, from: start + prefix.count, allowing: isTokenScalar)
            if end - (start + prefix.count) >= minimumSecretLength { return (prefix.count, end) }
        }
        if matches(bearer, in: scalars, at: start) {
            let end = tokenEnd(in: scalars, from: start + bearer.count) { isTokenScalar($0) || "./+=~".unicodeScalars.contains($0) }
            if end - (start + bearer.count) >= minimumSecretLength { return (bearer.count, end) }
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

    private static func tokenEnd(
        in scalars: [Unicode.Scalar], from start: Int, allowing allowed: (Unicode.Scalar) -> Bool
    ) -> Int {
        var end = start
        while end < scalars.count, allowed(scalars[end]) { end += 1 }
        return end
    }

    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
