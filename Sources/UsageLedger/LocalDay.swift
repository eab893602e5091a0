import Foundation
import ResponsesTranslation

/// A calendar day in the user's time zone, the ledger's unit: a day begins at local midnight, so the
/// rows match what the user calls "today". Stored as `YYYY-MM-DD`, which sorts in date order.
public struct LocalDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// The day `date` falls on in `timeZone`: its offset from UTC at that instant (daylight saving
    /// included) moves the instant onto the local calendar.
    public init(_ date: Date, in timeZone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        self.init(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// Reads `YYYY-MM-DD`; nil for anything else.
    public init?(text: String) {
        guard let date = CivilDate(text: text) else { return nil }
        self.init(daysSinceEpoch: date.daysSinceEpoch)
    }

    public func adding(days: Int) -> LocalDay { LocalDay(daysSinceEpoch: daysSinceEpoch + days) }

    /// `YYYY-MM-DD`.
    public var text: String { CivilDate(daysSinceEpoch: daysSinceEpoch).text }

    public var description: String { text }

    public static func < (a: LocalDay, b: LocalDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}
