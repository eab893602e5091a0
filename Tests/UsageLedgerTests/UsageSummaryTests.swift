import ResponsesTranslation
import Testing
@testable import UsageLedger

@Suite("Periods and cost estimates")
struct UsageSummaryTests {
    static let today = day("2026-12-15")

    static func row(_ back: Int, _ model: String, _ requests: Int, fresh: Int = 0, cached: Int = 0, output: Int = 0) -> UsageRow {
        UsageRow(day: today.adding(days: -back), model: model, counts: UsageCounts(
            requests: requests, freshInputTokens: fresh, cachedInputTokens: cached, outputTokens: output))
    }

    @Test("today, the last 7 and the last 30 days each include today and end there")
    func periods() {
        let rows = [Self.row(0, "mimo-v2.6-pro", 1), Self.row(6, "mimo-v2.6-pro", 10), Self.row(7, "mimo-v2.6-flash", 100),
                    Self.row(29, "mimo-v2.6-pro", 1000), Self.row(30, "mimo-v2.6-pro", 10000)]
        let summary = UsageSummary(rows: rows, today: Self.today)
        #expect(summary.periods.map(\.total.requests) == [1, 11, 1111])
        #expect(summary.periods.map(\.first.text) == ["2026-12-15", "2026-12-09", "2026-11-16"])
        #expect(summary.periods.allSatisfy { $0.last == Self.today })
        #expect(summary.periods[2].models.map(\.model) == ["mimo-v2.6-pro", "mimo-v2.6-flash"], "busiest first")
        #expect(summary.days.isEmpty)
    }

    @Test("per day: the last N days oldest first, quiet days included")
    func perDay() {
        let summary = UsageSummary(rows: [Self.row(0, "mimo-v2.6-pro", 2), Self.row(2, "mimo-v2.6-flash", 3)],
                                   today: Self.today, perDay: 4)
        #expect(summary.days.map(\.first.text) == ["2026-12-12", "2026-12-13", "2026-12-14", "2026-12-15"])
        #expect(summary.days.map(\.total.requests) == [0, 3, 0, 2])
        #expect(UsageSummary.firstDay(today: Self.today, perDay: 90).text == "2026-09-17")
        #expect(UsageSummary.firstDay(today: Self.today, perDay: 3).text == "2026-11-16", "the 30-day period needs more")
    }

    @Test("cost: fresh input, cached input and output each at their price per million")
    func cost() {
        let prices = PriceTable()
        let usage = UsageCounts(requests: 3, freshInputTokens: 1_000_000, cachedInputTokens: 9_000_000, outputTokens: 500_000)
        let pro = UsageCost.of(usage, model: "mimo-v2.6-pro", prices: prices)
        #expect(pro.map { abs($0 - (0.435 + 9 * 0.0036 + 0.5 * 0.87)) < 1e-12 } == true)
        let flash = UsageCost.of(usage, model: "mimo-v2.6-flash", prices: prices)
        #expect(flash.map { abs($0 - (0.14 + 9 * 0.0028 + 0.5 * 0.28)) < 1e-12 } == true)
    }

    @Test("an unpriced model is named, and a total that includes it is only a lower bound")
    func unpricedModels() {
        let prices = PriceTable()
        let span = UsageSummary(rows: [Self.row(0, "mimo-v2.6-pro", 1, fresh: 1_000_000),
                                       Self.row(0, "mimo-v2.6-pro-ultraspeed", 1, fresh: 1_000_000)], today: Self.today).periods[0]
        let cost = UsageCost.of(span.models, prices: prices)
        #expect(cost.unpriced == ["mimo-v2.6-pro-ultraspeed"])
        #expect(cost.total == nil)
        #expect(abs(cost.known - 0.435) < 1e-12)
        #expect(UsageCost.of(span.models[0].counts, model: "mimo-v2.6-pro-ultraspeed", prices: prices) == nil)

        let priced = PriceTable(configured: [TokenPrice(model: "mimo-v2.6-pro-ultraspeed", input: 1, cachedInput: 0.01, output: 2,
                                                        source: "file config.toml")])
        #expect(UsageCost.of(span.models, prices: priced).total.map { abs($0 - 1.435) < 1e-12 } == true)
    }
}
