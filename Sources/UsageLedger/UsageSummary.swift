import ResponsesTranslation

/// What `ccmimoctl usage` shows, built from ledger rows: today, the last 7 and the last 30 days
/// (today included), and on request each of the last N days; each broken down by model.
public struct UsageSummary: Sendable, Equatable {
    public struct ModelUsage: Sendable, Equatable {
        public var model: String
        public var counts: UsageCounts
    }

    /// The usage of a run of days.
    public struct Span: Sendable, Equatable {
        public var first: LocalDay
        public var last: LocalDay
        /// Busiest first (by requests, then name), only models with any request.
        public var models: [ModelUsage]
        public var total: UsageCounts

        public var dayCount: Int { last.daysSinceEpoch - first.daysSinceEpoch + 1 }
    }

    /// The rolling periods, in days (today included).
    public static let periodLengths = [1, 7, 30]

    public var today: LocalDay
    /// One span per `periodLengths` entry.
    public var periods: [Span]
    /// Each of the last `perDay` days, oldest first; empty unless asked for.
    public var days: [Span]

    public init(rows: [UsageRow], today: LocalDay, perDay: Int = 0) {
        self.today = today
        let byDay = Dictionary(grouping: rows, by: \.day)
        periods = Self.periodLengths.map { length in
            Self.span(byDay, from: today.adding(days: 1 - length), through: today)
        }
        days = perDay <= 0 ? [] : (0..<perDay).reversed().map { back in
            let day = today.adding(days: -back)
            return Self.span(byDay, from: day, through: day)
        }
    }

    /// The oldest day any view needs, for reading just those rows.
    public static func firstDay(today: LocalDay, perDay: Int) -> LocalDay {
        today.adding(days: 1 - max(periodLengths.max() ?? 1, perDay))
    }

    static func span(_ rows: [LocalDay: [UsageRow]], from first: LocalDay, through last: LocalDay) -> Span {
        var byModel: [String: UsageCounts] = [:]
        for day in first.daysSinceEpoch...last.daysSinceEpoch {
            for row in rows[LocalDay(daysSinceEpoch: day)] ?? [] { byModel[row.model, default: .zero] += row.counts }
        }
        let models = byModel.filter { $0.value.requests > 0 }
            .map { ModelUsage(model: $0.key, counts: $0.value) }
            .sorted { ($1.counts.requests, $0.model) < ($0.counts.requests, $1.model) }
        return Span(first: first, last: last, models: models, total: models.reduce(.zero) { $0 + $1.counts })
    }
}
