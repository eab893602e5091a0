import Foundation
import Testing
@testable import MimoUpstream

@Suite struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT
    static let rfcExample = Date(timeIntervalSince1970: 784_111_777)

    @Test(arguments: [
        ("120", Duration.seconds(120)), ("0", .zero), (" 7 ", .seconds(7)), ("1.5", .milliseconds(1500)),
        ("0.25", .milliseconds(250)), ("007", .seconds(7)),
    ])
    func deltaSeconds(value: String, expected: Duration) {
        #expect(RetryAfter.parse(value, now: Self.rfcExample) == expected)
    }

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func allThreeDateFormsMeanTheSameInstant(value: String) {
        let now = Self.rfcExample.addingTimeInterval(-30)
        #expect(RetryAfter.parse(value, now: now) == .seconds(30))
    }

    @Test func datesAcrossLeapYearsAndMonthEnds() {
        // 2024-02-29 00:00:00 UTC is 1_709_164_800.
        let leapDay = Date(timeIntervalSince1970: 1_709_164_800)
        #expect(RetryAfter.parse("Thu, 29 Feb 2024 00:00:05 GMT", now: leapDay) == .seconds(5))
        #expect(RetryAfter.parse("Fri, 01 Mar 2024 00:00:00 GMT", now: leapDay) == .seconds(3600))  // a day away: capped
        #expect(RetryAfter.parse("Fri, 30 Feb 2024 00:00:00 GMT", now: leapDay) == nil)
        #expect(RetryAfter.parse("Wed, 31 Dec 2025 23:59:59 GMT", now: Date(timeIntervalSince1970: 1_767_225_598)) == .seconds(1))
    }

    @Test func pastDatesMeanNow() {
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Date(timeIntervalSince1970: 1_800_000_000)) == .zero)
    }

    @Test func hugeValuesAreCappedAtAnHour() {
        #expect(RetryAfter.parse("86400", now: Self.rfcExample) == .seconds(3600))
        #expect(RetryAfter.parse("99999999999999999999999999", now: Self.rfcExample) == .seconds(3600))
        #expect(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now: Self.rfcExample) == .seconds(3600))
    }

    @Test(arguments: [
        "", "soon", "-5", "+5", "1e3", "1.", ".5", "inf", "nan", "5 s", "0x10",
        "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT", "06 Nov 1994 08:49:37 GMT",
    ])
    func garbageIsNil(value: String) {
        #expect(RetryAfter.parse(value, now: Self.rfcExample) == nil)
    }
}
