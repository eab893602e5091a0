import ResponsesTranslation

/// `usage`: what MiMo's models used, per period and model, from the daemon's usage ledger, with the
/// cost estimate when it is shown. Days are the daemon's local days (`timeZone`).
public struct UsageReport: ControlResultPayload {
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
    public struct Counts: ControlResultPayload {
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

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            if let model { w.set("model", model) }
            w.set("requests", requests)
            w.set("failed", failed)
            w.set("input_tokens", inputTokens)
            w.set("fresh_input_tokens", freshInputTokens)
            w.set("cached_input_tokens", cachedInputTokens)
            w.set("cached_share", cachedShare)
            w.set("output_tokens", outputTokens)
            w.set("reasoning_tokens", reasoningTokens)
            w.set("cost_usd", costUSD)
            if model == nil {
                w.set("known_cost_usd", knownCostUSD)
                w.set("unpriced_models", unpriced)
            }
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "usage counts")
            self.init(model: try r.optionalString("model"), requests: try r.int("requests"), failed: try r.int("failed"),
                      freshInputTokens: try r.int("fresh_input_tokens"), cachedInputTokens: try r.int("cached_input_tokens"),
                      outputTokens: try r.int("output_tokens"), reasoningTokens: try r.int("reasoning_tokens"),
                      costUSD: try r.optionalDouble("cost_usd"), knownCostUSD: try r.optionalDouble("known_cost_usd"),
                      unpriced: try r.strings("unpriced_models"))
        }
    }

    /// A run of local days: a period or a single day.
    public struct Span: ControlResultPayload {
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

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("label", label)
            w.set("first", first)
            w.set("last", last)
            w.set("total", total.toJSON())
            w.set("models", models)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "usage span")
            self.init(label: try r.string("label"), first: try r.string("first"), last: try r.string("last"),
                      total: try r.payload("total"), models: try r.payloads("models"))
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

    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("today", today)
        w.set("time_zone", timeZone)
        w.set("cost_shown", costShown)
        w.set("cost_note", costNote)
        w.set("periods", periods)
        w.set("days", days)
        w.set("prices", prices)
        w.set("ledger_path", ledgerPath)
        w.set("ledger_problem", ledgerProblem)
        w.set("retention_days", retentionDays)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "usage")
        self.init(today: try r.string("today"), timeZone: try r.string("time_zone"), costShown: try r.bool("cost_shown"),
                  costNote: try r.string("cost_note"), periods: try r.payloads("periods"), days: try r.payloads("days"),
                  prices: try r.payloads("prices"), ledgerPath: try r.string("ledger_path"),
                  ledgerProblem: try r.optionalString("ledger_problem"), retentionDays: try r.int("retention_days"))
    }
}

/// A price entry as `usage` reports it: US dollars per million tokens, with its date and source.
extension TokenPrice: ControlResultPayload {
    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("model", model)
        w.set("input", input)
        w.set("cached_input", cachedInput)
        w.set("output", output)
        w.set("recorded", recorded)
        w.set("source", source)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "usage price")
        self.init(model: try r.string("model"), input: try r.double("input"), cachedInput: try r.double("cached_input"),
                  output: try r.double("output"), recorded: try r.optionalString("recorded"), source: try r.string("source"))
    }
}
