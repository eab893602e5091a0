import Testing
@testable import ResponsesTranslation

@Suite("Price table")
struct PriceTableTests {
    @Test("the defaults are Xiaomi's published pay-as-you-go prices, each dated and sourced")
    func publishedDefaults() throws {
        let table = PriceTable()
        let pro = try #require(table.price(for: "mimo-v2.6-pro"))
        #expect((pro.input, pro.cachedInput, pro.output) == (0.435, 0.0036, 0.87))
        let flash = try #require(table.price(for: "mimo-v2.6-flash"))
        #expect((flash.input, flash.cachedInput, flash.output) == (0.14, 0.0028, 0.28))
        for price in TokenPrice.published {
            #expect(price.recorded?.count == 10, "\(price.model) says when it was recorded")
            #expect(price.source.contains("world-2026-12.md §1"), "\(price.model) says where it came from")
        }
    }

    @Test("only the exact id is priced: ultraspeed, retired, newer and unknown models have no price")
    func exactIdsOnly() {
        let table = PriceTable()
        #expect(table.price(for: "MiMo-V2.6-Pro")?.model == "mimo-v2.6-pro", "any spelling of the id")
        #expect(table.price(for: "v2.6-flash")?.model == "mimo-v2.6-flash")
        for unpriced in ["mimo-v2.6-pro-ultraspeed", "mimo-v2.5-pro", "mimo-v2.5", "mimo-v3-pro", "mimo-v2.6-pro-preview", "pro", ""] {
            #expect(table.price(for: unpriced) == nil, "\(unpriced)")
        }
    }

    @Test("configured entries replace a published one whole and add new models")
    func configuredEntries() {
        let table = PriceTable(configured: [
            TokenPrice(model: "mimo-v2.6-pro", input: 0.5, cachedInput: 0.005, output: 1.0, source: "file /c.toml"),
            TokenPrice(model: "v3-pro", input: 0.6, cachedInput: 0.006, output: 1.2, source: "file /c.toml"),
        ])
        #expect(table.price(for: "mimo-v2.6-pro") == TokenPrice(model: "mimo-v2.6-pro", input: 0.5, cachedInput: 0.005, output: 1.0,
                                                                 source: "file /c.toml"))
        #expect(table.price(for: "mimo-v3-pro")?.input == 0.6)
        #expect(table.price(for: "mimo-v2.6-flash")?.recorded == "2026-12-07")
        #expect(table.entries.map(\.model) == ["mimo-v2.6-pro", "mimo-v3-pro", "mimo-v2.6-flash"])
    }

    @Test("cost is per million tokens, reasoning billed as the output it is part of")
    func cost() {
        let price = TokenPrice(model: "m", input: 2, cachedInput: 0.5, output: 4, source: "test")
        #expect(price.cost(freshInput: 500_000, cachedInput: 2_000_000, output: 250_000) == 1 + 1 + 1)
    }
}
