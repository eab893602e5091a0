/// TOML source text for the few kinds of values and keys ccmimolink writes.
enum TOMLLiteral {
    /// A basic string, or a literal string when the value it replaces was one and the text fits,
    /// so a user's quoting style survives.
    static func string(_ value: String, replacing original: String? = nil) -> String {
        if let original, original.hasPrefix("'"), !original.hasPrefix("'''"),
           !value.contains("'"), !value.contains(where: { $0.isNewline || $0 == "\t" }) {
            return "'" + value + "'"
        }
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    text += "\\u" + hex4(scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    static func boolean(_ value: Bool) -> String { value ? "true" : "false" }

    /// A bare key when TOML allows one, else a quoted key.
    static func key(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return bare ? key : string(key)
    }

    static func dottedKey(_ parts: [String]) -> String {
        parts.map(key).joined(separator: ".")
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
