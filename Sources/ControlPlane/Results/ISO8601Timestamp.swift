import ResponsesTranslation

/// Formats the protocol's timestamps (ISO 8601, UTC, whole seconds) without Foundation, so the
/// daemon and tests agree on one spelling: `2025-06-01T12:00:00Z`.
public enum ISO8601Timestamp {
    public static func string(secondsSinceEpoch: Int) -> String {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
        let secondOfDay = secondsSinceEpoch - days * 86_400
        let pad = CivilDate.pad
        return CivilDate(daysSinceEpoch: days).text + "T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }
}
