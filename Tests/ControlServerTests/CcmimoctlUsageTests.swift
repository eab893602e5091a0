import ControlPlane
import ControlServer
import Foundation
import ResponsesTranslation
import Testing

/// `ccmimoctl usage` and the usage line of `status`, against canned answers.
@Suite(.timeLimit(.minutes(2))) struct CcmimoctlUsageTests {
    static func counts(_ model: String?, requests: Int, fresh: Int, cached: Int, output: Int, cost: Double?,
                       known: Double? = nil, unpriced: [String] = []) -> UsageReport.Counts {
        UsageReport.Counts(model: model, counts: UsageCounts(requests: requests, failed: model == nil ? 1 : 0, freshInputTokens: fresh, cachedInputTokens: cached, outputTokens: output, reasoningTokens: output / 4), costUSD: cost,
                           knownCostUSD: known, unpriced: unpriced)
    }

    static func report(costShown: Bool) -> UsageReport {
        let pro = counts("mimo-v2.6-pro", requests: 10, fresh: 120_000, cached: 1_080_000, output: 34_500, cost: costShown ? 0.0871 : nil)
        let fast = counts("mimo-v2.6-pro-ultraspeed", requests: 2, fresh: 5000, cached: 0, output: 800, cost: nil)
        let total = counts(nil, requests: 12, fresh: 125_000, cached: 1_080_000, output: 35_300, cost: nil,
                           known: costShown ? 0.0871 : nil, unpriced: costShown ? ["mimo-v2.6-pro-ultraspeed"] : [])
        let period = { (label: String, first: String) in
            UsageReport.Span(label: label, first: first, last: "2026-12-15", total: total, models: [pro, fast])
        }
        return UsageReport(
            today: "2026-12-15", timeZone: "Europe/Berlin", costShown: costShown,
            costNote: costShown ? "usage_cost = auto: estimated at pay-as-you-go prices" : "usage_cost = off: tokens only",
            periods: [period("today", "2026-12-15"), period("7 days", "2026-12-09"), period("30 days", "2026-11-16")],
            days: [UsageReport.Span(label: "2026-12-14", first: "2026-12-14", last: "2026-12-14",
                                    total: counts(nil, requests: 0, fresh: 0, cached: 0, output: 0, cost: nil), models: []),
                   UsageReport.Span(label: "2026-12-15", first: "2026-12-15", last: "2026-12-15", total: total, models: [pro, fast])],
            prices: [.init(model: "mimo-v2.6-pro", input: 0.435, cachedInput: 0.0036, output: 0.87, recorded: "2026-12-07",
                           source: "Xiaomi MiMo pay-as-you-go price list (world-2026-12.md §1)"),
                     .init(model: "mimo-v2.6-flash", input: 0.14, cachedInput: 0.0028, output: 0.28, recorded: "2026-12-07",
                           source: "Xiaomi MiMo pay-as-you-go price list (world-2026-12.md §1)")],
            ledgerPath: "/home/u/.local/state/ccmimolink/usage.sqlite", ledgerProblem: nil, retentionDays: 366)
    }

    static func handler(costShown: Bool) -> FakeHandler {
        var answers = FakeHandler.Answers()
        answers.usage = { _ in .success(report(costShown: costShown)) }
        return FakeHandler(answers)
    }

    @Test func periodsShowModelsCachedShareAndAnHonestCost() async throws {
        let handler = Self.handler(costShown: true)
        try await withControlServer(handler: handler) { path in
            let outcome = try await CcmimoctlProcess.run(["usage", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let text = outcome.standardOutput
            #expect(text.hasPrefix("MiMo usage by local day (Europe/Berlin); today is 2026-12-15\n"))
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.contains("REQUESTS") && $0.hasSuffix("EST. COST") })
            let today = try #require(lines.first { $0.hasPrefix("Today") })
            #expect(today.split(separator: " ").map(String.init) == ["Today", "12", "1", "1.21M", "90%", "35.3K", "8825", "≥", "$0.0871"])
            let model = try #require(lines.first { $0.hasPrefix("  mimo-v2.6-pro ") })
            #expect(model.hasSuffix("$0.0871"))
            #expect(lines.contains { $0.hasPrefix("  mimo-v2.6-pro-ultraspeed") && $0.hasSuffix("no price") })
            #expect(lines.contains { $0.hasPrefix("Last 30 days") })
            #expect(text.contains("mimo-v2.6-pro  $0.435 / $0.0036 / $0.87  (Xiaomi MiMo pay-as-you-go price list (world-2026-12.md §1), recorded 2026-12-07)"))
            #expect(!text.contains("mimo-v2.6-flash  $0.14"), "only the prices of models in the report")
            #expect(text.contains("mimo-v2.6-pro-ultraspeed: no price known; add [prices.\"mimo-v2.6-pro-ultraspeed\"]"))
            #expect(handler.commands == [.usage(days: 0)])
        }
    }

    @Test func tokensOnlyWhenCostsAreOff() async throws {
        try await withControlServer(handler: Self.handler(costShown: false)) { path in
            let outcome = try await CcmimoctlProcess.run(["usage", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            #expect(!outcome.standardOutput.contains("COST"))
            #expect(!outcome.standardOutput.contains("$"))
            #expect(outcome.standardOutput.contains("Cost: usage_cost = off: tokens only"))
        }
    }

    @Test func daysPrintsOneLinePerDayNewestFirst() async throws {
        let handler = Self.handler(costShown: true)
        try await withControlServer(handler: handler) { path in
            let outcome = try await CcmimoctlProcess.run(["usage", "--days", "2", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            let header = try #require(lines.firstIndex { $0.hasPrefix("DAY") })
            #expect(lines[header + 1].hasPrefix("2026-12-15"))
            #expect(lines[header + 1].hasSuffix("mimo-v2.6-pro, mimo-v2.6-pro-ultraspeed"))
            #expect(lines[header + 2].hasPrefix("2026-12-14") && lines[header + 2].hasSuffix("-"))
            #expect(handler.commands == [.usage(days: 2)])
            let refused = try await CcmimoctlProcess.run(["usage", "--days", "0", "--socket", path], in: directory(of: path))
            #expect(refused.status == 64)
            #expect(refused.standardError.contains("--days must be 1…366"))
        }
    }

    @Test func statusShowsTodaysLine() async throws {
        let status = DaemonStatus(
            version: "0.3.0", pid: 1, uptimeSeconds: 5, httpListeners: ["http://127.0.0.1:9876/v1"], controlSocket: "/c",
            socketActivated: false, upstream: .init(baseURL: "u", mode: "standard", source: "default"),
            model: .init(active: "mimo-v2.6-pro", source: "default"), inFlight: 0, served: 12, store: nil,
            usageToday: Self.report(costShown: true).periods[0].total)
        var answers = FakeHandler.Answers()
        answers.status = { _ in .success(status) }
        let handler = FakeHandler(answers)
        try await withControlServer(handler: handler) { path in
            let outcome = try await CcmimoctlProcess.run(["status", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let line = try #require(outcome.standardOutput.split(separator: "\n").first { $0.hasPrefix("Usage ") })
            #expect(line.hasSuffix("today: 12 requests (1 failed), 1.21M input (90% cached), 35.3K output (8825 reasoning), est. ≥ $0.0871"))
        }
    }

    private func directory(of socketPath: String) -> String {
        URL(fileURLWithPath: socketPath).deletingLastPathComponent().deletingLastPathComponent().path
    }
}
