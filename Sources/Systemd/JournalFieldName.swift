/// Journal field names: `[A-Z0-9_]`, at most 64 bytes, not starting with a digit or `_`.
///
/// A leading `_` marks a trusted field that only journald may set, so user keys never produce one.
public enum JournalFieldName {
    public static let maximumLength = 64

    /// The field name for a metadata key, e.g. `response_id` → `RESPONSE_ID`, `http.status` →
    /// `HTTP_STATUS`, `2fa` → `F_2FA`. Nil when the key has no letter or digit to name a field by.
    public static func sanitized(_ key: String) -> String? {
        var name = String(key.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z": Character(String(scalar).uppercased())
            case "A"..."Z", "0"..."9": Character(scalar)
            default: "_"
            }
        })
        name = String(name.drop { $0 == "_" })
        guard !name.isEmpty else { return nil }
        // A field may not start with a digit; the prefix keeps the key recognisable.
        if let first = name.first, first.isASCII, first.isNumber { name = "F_" + name }
        return String(name.prefix(maximumLength))
    }

    /// Whether journald would accept `name` from a client.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= maximumLength,
              first != UInt8(ascii: "_"), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
