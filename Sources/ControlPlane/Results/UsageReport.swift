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

    /// Counts for one model, or all models of a span, with their estimated cost. The counts read as
    /// this value's own members (`row.requests`, `row.cachedShare`).
    @dynamicMemberLookup
    public struct Counts: Codable, Sendable, Equatable {
        /// Nil for a span's total.
        public var model: String?
        public var counts: UsageCounts
        /// US dollars; nil when costs are hidden, when the model has no price, or (for a total) when
        /// some model in it has none.
        public var costUSD: Double?
        /// For a total: the dollars of the priced models alone (a lower bound when `unpriced` is not empty).
        public var knownCostUSD: Double?
        /// Models with tokens and no price.
        public var unpriced: [String]

        public init(model: String?, counts: UsageCounts, costUSD: Double?, knownCostUSD: Double? = nil, unpriced: [String] = []) {
            self.model = model
            self.counts = counts
            self.costUSD = costUSD
            self.knownCostUSD = knownCostUSD
            self.unpriced = unpriced
        }

        public subscript<Value>(dynamicMember member: KeyPath<UsageCounts, Value>) -> Value { counts[keyPath: member] }

        private enum CodingKeys: String, CodingKey {
            case model, requests, failed, inputTokens, freshInputTokens, cachedInputTokens, cachedShare, outputTokens
            case reasoningTokens, costUSD, knownCostUSD, unpriced = "unpriced_models"
        }

        /// The counts travel flat, beside the cost. `input_tokens` and `cached_share` are sent for people
        /// and scripts and never read back: they follow from the counts. Absent optionals read as nil,
        /// an absent list as empty.
        public init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: CodingKeys.self)
            func count(_ key: CodingKeys) throws -> Int { try fields.decode(Int.self, forKey: key) }
            self.init(model: try fields.decodeIfPresent(String.self, forKey: .model),
                      counts: UsageCounts(requests: try count(.requests), failed: try count(.failed),
                                          freshInputTokens: try count(.freshInputTokens),
                                          cachedInputTokens: try count(.cachedInputTokens),
                                          outputTokens: try count(.outputTokens), reasoningTokens: try count(.reasoningTokens)),
                      costUSD: try fields.decodeIfPresent(Double.self, forKey: .costUSD),
                      knownCostUSD: try fields.decodeIfPresent(Double.self, forKey: .knownCostUSD),
                      unpriced: try fields.decodeIfPresent([String].self, forKey: .unpriced) ?? [])
        }

        /// A model's row has a `model` and no `known_cost_usd` or `unpriced_models` (its cost is known or
        /// null); a total has no `model`.
        public func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            // A total has no `model` member at all (this coder writes a nil optional as null).
            if let model { try fields.encode(model, forKey: .model) }
            try fields.encode(counts.requests, forKey: .requests)
            try fields.encode(counts.failed, forKey: .failed)
            try fields.encode(counts.inputTokens, forKey: .inputTokens)
            try fields.encode(counts.freshInputTokens, forKey: .freshInputTokens)
            try fields.encode(counts.cachedInputTokens, forKey: .cachedInputTokens)
            try fields.encodeIfPresent(counts.cachedShare, forKey: .cachedShare)
            try fields.encode(counts.outputTokens, forKey: .outputTokens)
            try fields.encode(counts.reasoningTokens, forKey: .reasoningTokens)
            try fields.encodeIfPresent(costUSD, forKey: .costUSD)
            if model == nil {
                try fields.encodeIfPresent(knownCostUSD, forKey: .knownCostUSD)
                try fields.encode(unpriced, forKey: .unpriced)
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
