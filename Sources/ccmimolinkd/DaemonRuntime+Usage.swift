import ControlPlane
import DaemonConfiguration
import Foundation
import ResponsesTranslation
import UsageLedger

/// `ccmimoctl usage` and the usage line of `ccmimoctl status`: the ledger's rows, summed into periods
/// and priced with the live settings (`prices` and `usage_cost` apply on reload).
extension DaemonRuntime {
    func usageReport(days: Int) async -> Result<UsageReport, ControlFailure> {
        let today = usage.clock.today()
        let rows: [UsageRow]
        do throws(UsageLedgerError) {
            rows = try await usage.rows(from: UsageSummary.firstDay(today: today, perDay: days), through: today)
        } catch {
            return .failure(ControlFailure(code: .failed, message: "\(error)"))
        }
        let summary = UsageSummary(rows: rows, today: today, perDay: days)
        let (shown, note) = costDisplay()
        let prices = PriceTable(configured: settings.prices)
        func span(_ span: UsageSummary.Span, label: String) -> UsageReport.Span {
            UsageReport.Span(label: label, first: span.first.text, last: span.last.text,
                             total: Self.total(span, prices: shown ? prices : nil),
                             models: span.models.map { Self.counts($0, prices: shown ? prices : nil) })
        }
        let periodLabels = UsageSummary.periodLengths.map { $0 == 1 ? "today" : "\($0) days" }
        return .success(UsageReport(
            today: today.text, timeZone: usage.clock.timeZone.identifier, costShown: shown, costNote: note,
            periods: zip(summary.periods, periodLabels).map { span($0, label: $1) },
            days: summary.days.map { span($0, label: $0.first.text) },
            prices: prices.entries,
            ledgerPath: usage.path, ledgerProblem: usage.problem, retentionDays: usage.limits.retentionDays))
    }

    /// Today's totals for `status`; nil when the ledger cannot be read.
    func usageToday() async -> UsageReport.Counts? {
        let today = usage.clock.today()
        guard let rows = try? await usage.rows(from: today, through: today) else { return nil }
        let span = UsageSummary(rows: rows, today: today).periods[0]
        return Self.total(span, prices: costDisplay().shown ? PriceTable(configured: settings.prices) : nil)
    }

    /// Whether costs are estimated, and why: `usage_cost`, and for `auto` whether the upstream is a
    /// Token Plan (its mode, its host, or the daemon's key), which is paid per plan, not per token.
    func costDisplay() -> (shown: Bool, note: String) {
        let endpoint = client.endpoint
        let tokenPlan = endpoint.mode.isTokenPlan || endpoint.isTokenPlanHost || daemonKey()?.isTokenPlanKey == true
        let setting = settings.usageCost
        let shown = setting.showsCost(tokenPlan: tokenPlan)
        let note = switch setting {
        case .auto where tokenPlan:
            "usage_cost = auto: a Token Plan is paid per plan, not per token, so no cost is estimated "
                + "(usage_cost = \"on\" shows what pay-as-you-go would cost)"
        case .auto: "usage_cost = auto: estimated at pay-as-you-go prices"
        case .on: "usage_cost = on: estimated at pay-as-you-go prices"
        case .off: "usage_cost = off: tokens only"
        }
        return (shown, note)
    }

    /// `prices` nil: costs hidden.
    static func counts(_ usage: UsageSummary.ModelUsage, prices: PriceTable?) -> UsageReport.Counts {
        let c = usage.counts
        return UsageReport.Counts(model: usage.model, counts: c, costUSD: prices.flatMap { UsageCost.of(c, model: usage.model, prices: $0) })
    }

    static func total(_ span: UsageSummary.Span, prices: PriceTable?) -> UsageReport.Counts {
        let c = span.total
        let cost = prices.map { UsageCost.of(span.models, prices: $0) }
        return UsageReport.Counts(model: nil, counts: c, costUSD: cost?.total, knownCostUSD: cost?.known,
                                  unpriced: cost?.unpriced ?? [])
    }
}
