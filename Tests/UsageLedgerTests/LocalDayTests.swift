import Foundation
import Testing
@testable import UsageLedger

@Suite("Local days")
struct LocalDayTests {
    @Test("a day begins at local midnight, not at midnight UTC")
    func rollsOverAtLocalMidnight() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!  // UTC+1 in December
        #expect(LocalDay(ManualClock.date("2026-12-15T22:59:59Z"), in: berlin).text == "2026-12-15")
        #expect(LocalDay(ManualClock.date("2026-12-15T23:00:00Z"), in: berlin).text == "2026-12-16")
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!  // UTC+8
        #expect(LocalDay(ManualClock.date("2026-12-15T15:59:59Z"), in: shanghai).text == "2026-12-15")
        #expect(LocalDay(ManualClock.date("2026-12-15T16:00:00Z"), in: shanghai).text == "2026-12-16")
        let losAngeles = TimeZone(identifier: "America/Los_Angeles")!  // UTC-8: still the 15th at 07:59Z on the 16th
        #expect(LocalDay(ManualClock.date("2026-12-16T07:59:59Z"), in: losAngeles).text == "2026-12-15")
        #expect(LocalDay(ManualClock.date("2026-12-16T08:00:00Z"), in: losAngeles).text == "2026-12-16")
    }

    @Test("across a daylight-saving change, midnight follows the new offset")
    func followsDaylightSaving() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        // Summer time ends 2026-10-25 at 03:00 local (01:00Z): the 25th has 25 hours, ending at 23:00Z.
        #expect(LocalDay(ManualClock.date("2026-10-24T21:59:59Z"), in: berlin).text == "2026-10-24")
        #expect(LocalDay(ManualClock.date("2026-10-24T22:00:00Z"), in: berlin).text == "2026-10-25")
        #expect(LocalDay(ManualClock.date("2026-10-25T22:59:59Z"), in: berlin).text == "2026-10-25")
        #expect(LocalDay(ManualClock.date("2026-10-25T23:00:00Z"), in: berlin).text == "2026-10-26")
    }

    @Test("text round-trips, sorts by date, and day arithmetic crosses months and leap days")
    func textAndArithmetic() {
        for text in ["1970-01-01", "2024-02-29", "2026-12-31", "2000-03-01", "1969-12-31"] {
            #expect(LocalDay(text: text)?.text == text)
        }
        #expect(day("2026-12-31").adding(days: 1).text == "2027-01-01")
        #expect(day("2028-03-01").adding(days: -1).text == "2028-02-29")
        #expect(day("2026-01-01").adding(days: -366).text == "2024-12-31")
        #expect(day("2026-09-30") < day("2026-10-01"))
        for bad in ["2026-02-29", "2026-13-01", "26-01-01", "2026-1-01", "today", ""] {
            #expect(LocalDay(text: bad) == nil, "\(bad)")
        }
    }
}
