import ArgumentParser
import ControlPlane

struct UsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Show the tokens MiMo used today, in the last 7 and 30 days, and what they cost.",
        discussion: """
            The daemon counts every request in its usage ledger (usage.sqlite in its state directory): per \
            local day (days begin at midnight in the daemon's time zone) and per upstream model, the \
            requests, the failed turns (requests that ended without an answer), the input tokens and the \
            share of them MiMo's prompt cache served, and the output tokens with the reasoning among them. \
            Counts only: no prompt, no key. The ledger keeps 366 days.

            The cost is an estimate at pay-as-you-go prices per million tokens: Xiaomi's published ones \
            (each with the day it was recorded and its source) or your own from [prices."<model id>"] in \
            the daemon's config.toml (input, cached_input, output). A model without a price is shown as \
            such; a total that includes one is a lower bound (≥). On a Token Plan, paid per plan rather \
            than per token, no cost is shown unless usage_cost = "on"; usage_cost = "off" hides it \
            everywhere. Numbers are MiMo's own, as it reported them with each answer.
            """)

    @Option(help: ArgumentHelp("Show each of the last N days (1 to \(ControlCommand.maxUsageDays)) instead of the periods.",
                               valueName: "n"))
    var days: Int?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let days, !(1...ControlCommand.maxUsageDays).contains(days) {
            throw ValidationError("--days must be 1…\(ControlCommand.maxUsageDays) (the ledger keeps \(ControlCommand.maxUsageDays) days)")
        }
    }

    func run() throws {
        let (report, json) = try DaemonRequest(options: connection).send(UsageCall(days: days ?? 0))
        print(connection.json ? json.prettyPrinted() : (days == nil ? Self.render(report) : Self.renderDays(report)))
    }

    static func render(_ report: UsageReport) -> String {
        var table = UsageTable(showsCost: report.costShown, firstColumn: "")
        let names = ["today": "Today", "7 days": "Last 7 days", "30 days": "Last 30 days"]
        for period in report.periods {
            table.add(names[period.label] ?? period.label, period.total)
            for model in period.models { table.add("  " + (model.model ?? "?"), model) }
        }
        return header(report) + "\n\n" + table.rendered() + footer(report)
    }

    static func renderDays(_ report: UsageReport) -> String {
        var table = UsageTable(showsCost: report.costShown, firstColumn: "DAY", modelsColumn: true)
        for day in report.days.reversed() {
            table.add(day.label, day.total, modelNames: day.models.compactMap(\.model))
        }
        return header(report) + "\n\n" + table.rendered() + footer(report)
    }

    private static func header(_ report: UsageReport) -> String {
        var text = "MiMo usage by local day (\(report.timeZone)); today is \(report.today)"
        if let problem = report.ledgerProblem { text += "\nWARNING: \(problem)" }
        return text
    }

    private static func footer(_ report: UsageReport) -> String {
        var lines = ["", ""]
        if report.costShown {
            let used = Set(report.periods.flatMap(\.models).compactMap(\.model) + report.days.flatMap(\.models).compactMap(\.model))
            lines.append("Cost: \(report.costNote); per 1M tokens, input / cached input / output:")
            let shown = used.isEmpty ? report.prices : report.prices.filter { used.contains($0.model) }
            let width = shown.map(\.model.count).max() ?? 0
            for price in shown {
                let numbers = [price.input, price.cachedInput, price.output].map(HumanFormat.price).joined(separator: " / ")
                let origin = price.recorded.map { "\(price.source), recorded \($0)" } ?? price.source
                lines.append("  " + price.model.padded(to: width) + "  " + numbers + "  (" + origin + ")")
            }
            let unpriced = Set(report.periods.flatMap(\.total.unpriced) + report.days.flatMap(\.total.unpriced)).sorted()
            for model in unpriced {
                lines.append("  \(model): no price known; add [prices.\"\(model)\"] with input, cached_input and output "
                             + "to the daemon's config.toml")
            }
        } else {
            lines.append("Cost: \(report.costNote)")
        }
        lines.append("Ledger: \(report.ledgerPath) (keeps \(report.retentionDays) days)")
        return lines.joined(separator: "\n")
    }
}

/// The columns `usage` prints: counts, the cached share of input, and the cost when it is shown.
struct UsageTable {
    let showsCost: Bool
    let firstColumn: String
    var modelsColumn = false
    private var rows: [[String]] = []

    init(showsCost: Bool, firstColumn: String, modelsColumn: Bool = false) {
        self.showsCost = showsCost
        self.firstColumn = firstColumn
        self.modelsColumn = modelsColumn
    }

    mutating func add(_ label: String, _ counts: UsageReport.Counts, modelNames: [String] = []) {
        var row = [label, String(counts.requests), String(counts.failed), HumanFormat.tokens(counts.inputTokens),
                   HumanFormat.share(counts.cachedShare), HumanFormat.tokens(counts.outputTokens),
                   HumanFormat.tokens(counts.reasoningTokens)]
        if showsCost { row.append(Self.cost(counts)) }
        if modelsColumn { row.append(modelNames.isEmpty ? "-" : modelNames.joined(separator: ", ")) }
        rows.append(row)
    }

    /// A model's cost, "no price", or for a total with unpriced models the lower bound.
    static func cost(_ counts: UsageReport.Counts) -> String {
        if let cost = counts.costUSD { return HumanFormat.dollars(cost) }
        if counts.model != nil { return counts.inputTokens + counts.outputTokens == 0 ? HumanFormat.dollars(0) : "no price" }
        if let known = counts.knownCostUSD { return "≥ " + HumanFormat.dollars(known) }
        return "-"
    }

    func rendered() -> String {
        var head = [firstColumn, "REQUESTS", "FAILED", "INPUT", "CACHED", "OUTPUT", "REASONING"]
        if showsCost { head.append("EST. COST") }
        if modelsColumn { head.append("MODELS") }
        let all = [head] + rows
        let widths = head.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column -> String in
                // Text columns (first and models) are left-aligned, numbers right-aligned.
                let text = row[column]
                let last = column == row.count - 1
                if column == 0 || (modelsColumn && last) { return last ? text : text.padded(to: widths[column]) }
                return String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension String {
    func padded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
