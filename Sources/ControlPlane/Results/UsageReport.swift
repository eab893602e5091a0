import ResponsesTranslation

/// `usage`: what MiMo's models used, per period and model, from the daemon's usage ledger, with the
/// cost estimate when it is shown. Days are the daemon's local days (`timeZone`).
public struct UsageReport: Codable, Sendable, Equatable {
    /// Today's local date, `YYYY-MM-DD`.
    public var today: String
    /// The time zone days are counted in, e.g. `Europe/Berlin`.
    public var timeZone: String
    /// Whether costs are estimated (`usage_cost`); when false every cost is null.
    public var costShown: Bool
    /// Why costs are shown or not, e.g. "usage_cost = auto: the upstream is a Token Plan".
    public var costNote: String
    /// Today, the last 7 days and the last 30 days (today included).
    public var periods: [Span]
    /// One span per day for `usage --days N`, oldest first; empty otherwise.
    public var days: [Span]
    /// The prices the estimate used, each with where it came from.
    public var prices: [TokenPrice]
    /// Where the ledger is and, when it counts in memory only, why.
    public var ledgerPath: String
    public var ledgerProblem: String?
    public var retentionDays: Int

    /// Counts for one model, or all models of a span, with their estimated cost.
    public struct Counts: Codable, Sendable, Equatable {
        /// Nil for a span's total.
        public var model: String?
        public var requests: Int
        public var failed: Int
        public var freshInputTokens: Int
        public var cachedInputTokens: Int
        public var outputTokens: Int
        public var reasoningTokens: Int
        /// US dollars; nil when costs are hidden, when the model has no price, or (for a total) when
        /// some model in it has none.
        public var costUSD: Double?
        /// For a total: the dollars of the priced models alone (a lower bound when `unpriced` is not empty).
        public var knownCostUSD: Double?
        /// Models with tokens and no price.
        public var unpriced: [String]

        public var inputTokens: Int { freshInputTokens + cachedInputTokens }
        public var cachedShare: Double? { inputTokens == 0 ? nil : Double(cachedInputTokens) / Double(inputTokens) }

        public init(model: String?, requests: Int, failed: Int, freshInputTokens: Int, cachedInputTokens: Int,
                    outputTokens: Int, reasoningTokens: Int, costUSD: Double?, knownCostUSD: Double? = nil,
                    unpriced: [String] = []) {
            self.model = model
            self.requests = requests
            self.failed = failed
            self.freshInputTokens = freshInputTokens
            self.cachedInputTokens = cachedInputTokens
            self.outputTokens = outputTokens
            self.reasoningTokens = reasoningTokens
            self.costUSD = costUSD
            self.knownCostUSD = knownCostUSD
            self.unpriced = unpriced
        }

        private enum CodingKeys: String, CodingKey {
            case model, requests, failed, freshInputTokens, cachedInputTokens, outputTokens, reasoningTokens, costUSD
            case knownCostUSD, unpriced = "unpriced_models"
        }

        /// Sent for people and scripts, never read back: they follow from the counts.
        private enum DerivedKeys: String, CodingKey {
            case inputTokens, cachedShare
        }

        /// A model's row has a `model` and no `known_cost_usd` or `unpriced_models` (its cost is known or
        /// null); a total has no `model`. Reading needs none of this: absent optionals are nil, an absent
        /// list is empty.
        public func encode(to encoder: any Encoder) throws {
            var stored = encoder.container(keyedBy: CodingKeys.self)
            var derived = encoder.container(keyedBy: DerivedKeys.self)
            if let model { try stored.encode(model, forKey: .model) }
            try stored.encode(requests, forKey: .requests)
            try stored.encode(failed, forKey: .failed)
            try derived.encode(inputTokens, forKey: .inputTokens)
            try stored.encode(freshInputTokens, forKey: .freshInputTokens)
            try stored.encode(cachedInputTokens, forKey: .cachedInputTokens)
            try derived.encodeIfPresent(cachedShare, forKey: .cachedShare)
            try stored.encode(outputTokens, forKey: .outputTokens)
            try stored.encode(reasoningTokens, forKey: .reasoningTokens)
            try stored.encodeIfPresent(costUSD, forKey: .costUSD)
            if model == nil {
                try stored.encodeIfPresent(knownCostUSD, forKey: .knownCostUSD)
                try stored.encode(unpriced, forKey: .unpriced)
            }
        }
    }

    /// A run of local days: a period or a single day.
    public struct Span: Codable, Sendable, Equatable {
        /// `today`, `7 days`, `30 days`, or the date for a single day.
        public var label: String
        public var first: String
        public var last: String
        public var total: Counts
        /// Busiest first; only models with requests.
        public var models: [Counts]

        public init(label: String, first: String, last: String, total: Counts, models: [Counts]) {
            self.label = label
            self.first = first
            self.last = last
            self.total = total
            self.models = models
        }
    }

    public init(today: String, timeZone: String, costShown: Bool, costNote: String, periods: [Span], days: [Span],
                prices: [TokenPrice], ledgerPath: String, ledgerProblem: String?, retentionDays: Int) {
        self.today = today
        self.timeZone = timeZone
        self.costShown = costShown
        self.costNote = costNote
        self.periods = periods
        self.days = days
        self.prices = prices
        self.ledgerPath = ledgerPath
        self.ledgerProblem = ledgerProblem
        self.retentionDays = retentionDays
    }
}
