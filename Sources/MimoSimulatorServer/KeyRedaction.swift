/// How a key appears in the request record: its plan prefix only (`sk-…`, `tp-…`, `ttp-…`), so a
/// record can show which kind of key was sent without ever holding the key.
enum KeyRedaction {
    static func hint(for key: String?) -> String? {
        guard let key else { return nil }
        guard !key.isEmpty else { return "" }
        // A short alphanumeric prefix ending in "-" is a plan marker; anything else reveals nothing.
        if let dash = key.prefix(5).firstIndex(of: "-"),
           key[key.startIndex..<dash].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return String(key[...dash]) + "…"
        }
        return "…"
    }
}
