import Logging

/// The fields of one journal entry, built without touching journald so they can be tested.
public enum JournalFields {
    /// Longest value sent, in UTF-8 bytes. An entry must fit journald's datagram limits, and request or
    /// response bodies in metadata must not flood the journal.
    public static let defaultValueByteLimit = 16 * 1024

    /// Appended to a value that was cut.
    public static let truncationMarker = "…"

    /// Field names this module sets itself; metadata keys that map to one are renamed `META_<NAME>` so a
    /// caller's metadata cannot impersonate the message, priority or call site.
    public static let standardNames: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "LOGGER_SOURCE",
    ]

    /// The entry as `(name, value)` pairs: the standard fields first, then metadata sorted by key.
    /// Metadata keys without a usable field name are left out.
    public static func make(
        level: Logger.Level,
        message: Logger.Message,
        metadata: Logger.Metadata,
        source: String,
        file: String,
        function: String,
        line: UInt,
        identifier: String,
        valueByteLimit: Int = defaultValueByteLimit
    ) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", message.description),
            ("PRIORITY", String(JournalPriority.of(level))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", file),
            ("CODE_LINE", String(line)),
            ("CODE_FUNC", function),
            ("LOGGER_SOURCE", source),
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard let name = JournalFieldName.sanitized(key) else { continue }
            let unique = standardNames.contains(name) ? String(("META_" + name).prefix(JournalFieldName.maximumLength)) : name
            fields.append((unique, value.description))
        }
        return fields.map { ($0.0, truncated($0.1, toBytes: valueByteLimit)) }
    }

    /// Cuts `value` at a Unicode scalar boundary so the result, marker included, fits in `limit` bytes.
    static func truncated(_ value: String, toBytes limit: Int) -> String {
        guard value.utf8.count > limit else { return value }
        let budget = limit - truncationMarker.utf8.count
        // A limit smaller than the marker leaves room for nothing that would still be readable.
        guard budget > 0 else { return "" }
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in value.unicodeScalars {
            let size = String(scalar).utf8.count
            guard used + size <= budget else { break }
            kept.append(scalar)
            used += size
        }
        return String(kept) + truncationMarker
    }
}
