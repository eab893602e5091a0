import ResponsesTranslation
import Foundation
import Logging
import NIOConcurrencyHelpers
@testable import UsageLedger
import TestSupport

/// A clock the test moves by hand, in a fixed time zone.
final class ManualClock: Sendable {
    private let instant: NIOLockedValueBox<Date>
    let timeZone: TimeZone

    init(_ text: String, timeZone: String = "Europe/Berlin") {
        instant = NIOLockedValueBox(Self.date(text))
        self.timeZone = TimeZone(identifier: timeZone)!
    }

    /// `2026-12-15T23:59:59Z`.
    static func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    func set(_ text: String) { instant.withLockedValue { $0 = Self.date(text) } }

    var usageClock: UsageClock { UsageClock(timeZone: timeZone) { self.instant.withLockedValue { $0 } } }
}

func counts(_ input: Int, cached: Int = 0, output: Int = 0, reasoning: Int = 0, failed: Bool = false) -> UsageCounts {
    .request(inputTokens: input, cachedTokens: cached, outputTokens: output, reasoningTokens: reasoning, failed: failed)
}

func day(_ text: String) -> LocalDay { LocalDay(text: text)! }

extension UsageLedger {
    /// Every row of the last `days` days up to the clock's today.
    func allRows(days: Int = 400) async throws -> [UsageRow] {
        let today = clock.today()
        return try await rows(from: today.adding(days: -days), through: today)
    }
}
