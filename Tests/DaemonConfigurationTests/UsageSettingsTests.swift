import ResponsesTranslation
import Testing
@testable import DaemonConfiguration

@Suite("Usage settings: prices and usage_cost")
struct UsageSettingsTests {
    static let file = Resolution.filePath

    @Test("[prices] sections add and replace whole entries, each naming where it was set")
    func pricesFromTheFile() throws {
        let resolution = Resolution(toml: """
            model = "pro"

            [prices."mimo-v2.6-pro"]
            input = 0.5
            cached_input = 0.004
            output = 1

            [prices."v3-pro"]
            input = 0.6
            cached_input = 0.006
            output = 1.2
            """)
        #expect(resolution.issues.isEmpty, "\(resolution.issues)")
        let prices = try #require(resolution.settings?.prices)
        #expect(prices == [
            TokenPrice(model: "mimo-v2.6-pro", input: 0.5, cachedInput: 0.004, output: 1, source: "file \(Self.file)"),
            TokenPrice(model: "mimo-v3-pro", input: 0.6, cachedInput: 0.006, output: 1.2, source: "file \(Self.file)"),
        ])
        let table = PriceTable(configured: prices)
        #expect(table.price(for: "mimo-v2.6-pro")?.input == 0.5)
        #expect(table.price(for: "mimo-v2.6-flash")?.input == 0.14, "published prices stay for the rest")
        #expect(resolution.value(of: .prices) == """
            { "mimo-v2.6-pro" = { input = 0.5, cached_input = 0.004, output = 1.0 }, \
            "mimo-v3-pro" = { input = 0.6, cached_input = 0.006, output = 1.2 } }
            """)
    }

    @Test("the environment and flags take the same table inline, and win over the file")
    func pricesInline() throws {
        let inline = #"{ "mimo-v2.6-flash" = { input = 0.2, cached_input = 0.003, output = 0.4 } }"#
        let fromEnvironment = Resolution(environment: ["MIMO_PROXY_PRICES": inline],
                                         toml: "[prices.\"mimo-v2.6-pro\"]\ninput = 1\ncached_input = 1\noutput = 1\n")
        #expect(fromEnvironment.settings?.prices.map(\.model) == ["mimo-v2.6-flash"])
        #expect(fromEnvironment.settings?.prices.first?.source == "environment MIMO_PROXY_PRICES")
        let fromFlag = Resolution(flags: ["prices": inline])
        #expect(fromFlag.settings?.prices.first?.cachedInput == 0.003)
        // --print-config's line reads back as the same setting.
        let echoed = try #require(fromFlag.value(of: .prices))
        #expect(Resolution(flags: ["prices": echoed]).settings?.prices.map(\.output) == [0.4])
    }

    @Test("prices that would give a wrong number are refused with the fix", arguments: [
        ("[prices.\"mimo-v3-pro\"]\ninput = 0.6\noutput = 1.2\n",
         "has no cached_input price for mimo-v3-pro; every entry needs input, cached_input and output (US dollars per million tokens)"),
        ("[prices.\"mimo-v3-pro\"]\ninput = 0.6\ncached_input = 0.01\noutput = 1.2\ncahced = 1\n",
         "has an unknown price 'cahced' for mimo-v3-pro; the prices are input, cached_input and output"),
        ("[prices.pro]\ninput = 0.6\ncached_input = 0.01\noutput = 1.2\n",
         "names 'pro', which is not one model id; name each model in full (such as mimo-v2.6-pro): prices differ between versions and kinds"),
        ("[prices.mimo-v2.6-pro]\ninput = 0.6\ncached_input = 0.01\noutput = 1.2\n",
         "splits the id 'mimo-v2.6-pro' at its dot; quote the id: [prices.\"mimo-v2.6-pro\"]"),
        ("[prices.\"mimo-v3-pro\"]\ninput = -1\ncached_input = 0.01\noutput = 1.2\n",
         "has a negative input price for mimo-v3-pro"),
        ("[prices.\"mimo-v3-pro\"]\ninput = \"0.6\"\ncached_input = 0.01\noutput = 1.2\n",
         "has a string \"0.6\" as the input price for mimo-v3-pro; expected a number of dollars per million tokens"),
    ])
    func refusedPrices(toml: String, problem: String) throws {
        let resolution = Resolution(toml: toml)
        #expect(resolution.settings == nil)
        let error = try #require(resolution.errors.first)
        #expect(error.hasPrefix("\(Self.file): key 'prices': value '"), "\(error)")
        #expect(error.hasSuffix(problem), "\(error)")
    }

    @Test("prices given as something else than a table")
    func pricesOfTheWrongShape() {
        #expect(Resolution(toml: "prices = 0.5\n").errors == [
            "\(Self.file): key 'prices': expected a table of model prices such as [prices.\"mimo-v2.6-pro\"] with input, cached_input and output, found a floating-point number 0.5",
        ])
        #expect(Resolution(environment: ["MIMO_PROXY_PRICES": "pro=1"]).errors.first?.contains("is not a TOML inline table") == true)
    }

    @Test("usage_cost: auto by default; on, off and booleans from every layer")
    func usageCost() {
        #expect(Resolution().settings?.usageCost == .auto)
        #expect(Resolution(toml: "usage_cost = \"off\"\n").settings?.usageCost == .off)
        #expect(Resolution(toml: "usage_cost = false\n").settings?.usageCost == .off)
        #expect(Resolution(toml: "usage_cost = true\n").settings?.usageCost == .on)
        #expect(Resolution(environment: ["MIMO_PROXY_USAGE_COST": "on"]).settings?.usageCost == .on)
        #expect(Resolution(flags: ["usage-cost": "no"]).settings?.usageCost == .off)
        #expect(Resolution(toml: "usage_cost = \"sometimes\"\n").errors == [
            "\(Self.file): key 'usage_cost': value 'sometimes' is not one of auto, on, off",
        ])
    }

    @Test("auto shows costs for pay-as-you-go and hides them on a Token Plan; on and off decide alone")
    func costDisplay() {
        #expect(UsageCostDisplay.auto.showsCost(tokenPlan: false))
        #expect(!UsageCostDisplay.auto.showsCost(tokenPlan: true))
        #expect(UsageCostDisplay.on.showsCost(tokenPlan: true))
        #expect(!UsageCostDisplay.off.showsCost(tokenPlan: false))
    }

    @Test("a setting misplaced inside [prices] is pointed out like any unknown price")
    func unknownNamesStillReported() {
        let resolution = Resolution(toml: "usage_costs = \"off\"\n[limits]\nmax_retries = 2\n")
        #expect(resolution.warnings == [
            "\(Self.file): key 'limits': unknown section; settings are top-level keys, and [prices] is the one section ('max_retries' belongs at the top level, not inside 'limits')",
            "\(Self.file): key 'usage_costs': unknown setting (did you mean 'usage_cost'?)",
        ])
    }
}
