import Foundation

/// The three HTTP-date forms of RFC 9110 §5.6.7, parsed by hand: DateFormatter depends on locale
/// settings and is needlessly heavy for one header. Foundation's `Date.HTTPFormatStyle` (SF-0016)
/// would be the library's way, but the Foundation of Swift 6.3.1 on Linux does not have it yet
/// ("type 'Date' has no member 'HTTPFormatStyle'"); move to it when the toolchain does.
///
///     Sun, 06 Nov 1994 08:49:37 GMT    IMF-fixdate (the one senders must use)
///     Sunday, 06-Nov-94 08:49:37 GMT   obsolete RFC 850
///     Sun Nov  6 08:49:37 1994         obsolete asctime
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let shortDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// `now` resolves RFC 850's two-digit years: a year more than 50 years ahead means the past century.
    static func parse(_ text: String, now: Date) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map { $0.lowercased() }
        guard tokens.count == 5 || tokens.count == 6 else { return nil }
        let day: Int, month: Int, year: Int, time: (Int, Int, Int)
        if tokens.count == 6 {
            // IMF-fixdate or RFC 850: weekday, day, month, year, time, zone.
            guard shortDays.contains(tokens[0]) || longDays.contains(tokens[0]),
                  tokens[5] == "gmt" || tokens[5] == "utc",
                  let d = number(tokens[1], digits: 1...2), let m = months.firstIndex(of: tokens[2]),
                  let y = number(tokens[3], digits: 2...4), tokens[3].count != 3,
                  let t = clockTime(tokens[4]) else { return nil }
            day = d
            month = m + 1
            year = tokens[3].count == 2 ? fullYear(twoDigit: y, now: now) : y
            time = t
        } else {
            // asctime: weekday, month, day, time, year.
            guard shortDays.contains(tokens[0]), let m = months.firstIndex(of: tokens[1]),
                  let d = number(tokens[2], digits: 1...2), let t = clockTime(tokens[3]),
                  let y = number(tokens[4], digits: 4...4) else { return nil }
            day = d
            month = m + 1
            year = y
            time = t
        }
        guard year >= 1900, day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + time.0 * 3600 + time.1 * 60 + time.2
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func number(_ token: String, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(token.count), token.allSatisfy({ $0.isASCII && $0.isWholeNumber }) else { return nil }
        return Int(token)
    }

    private static func clockTime(_ token: String) -> (Int, Int, Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = number(String(parts[0]), digits: 2...2), let m = number(String(parts[1]), digits: 2...2),
              let s = number(String(parts[2]), digits: 2...2), h < 24, m < 60, s <= 60 else { return nil }
        return (h, m, s)
    }

    private static func fullYear(twoDigit: Int, now: Date) -> Int {
        let currentYear = 1970 + Int(now.timeIntervalSince1970 / 31_556_952)
        var year = currentYear - currentYear % 100 + twoDigit
        if year > currentYear + 50 { year -= 100 }
        return year
    }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar: whole years, then whole months.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        var days = 0
        if year >= 1970 {
            for y in 1970..<year { days += isLeap(y) ? 366 : 365 }
        } else {
            for y in year..<1970 { days -= isLeap(y) ? 366 : 365 }
        }
        for m in 1..<month { days += daysIn(month: m, year: year) }
        return days + day - 1
    }
}
