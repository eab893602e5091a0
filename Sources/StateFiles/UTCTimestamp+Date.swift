import Foundation
import ResponsesTranslation

extension UTCTimestamp {
    /// `2026-12-07T22:24:50.123Z` for `date`.
    public static func iso8601(_ date: Date) -> String {
        iso8601(millisecondsSinceEpoch: milliseconds(date))
    }

    /// `20261207T222450.123Z` for `date`.
    public static func compact(_ date: Date) -> String {
        compact(millisecondsSinceEpoch: milliseconds(date))
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
