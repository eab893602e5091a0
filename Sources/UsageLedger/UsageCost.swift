import ResponsesTranslation

/// An estimated bill for some usage: tokens times the price of each model. A model without a price
/// adds nothing and is named in `unpriced`, so the total is then a lower bound and says so, never a
/// number that looks complete.
public struct UsageCost: Sendable, Equatable {
    /// US dollars for the models that have a price.
    public var known: Double
    /// Models that used tokens but have no price.
    public var unpriced: [String]

    public var isComplete: Bool { unpriced.isEmpty }
    /// The whole estimate, or nil when some model is unpriced.
    public var total: Double? { isComplete ? known : nil }

    public init(known: Double, unpriced: [String]) {
        self.known = known
        self.unpriced = unpriced
    }

    /// The cost of one model's usage, or nil when `prices` has no entry for it.
    public static func of(_ counts: UsageCounts, model: String, prices: PriceTable) -> Double? {
        prices.price(for: model)?.cost(freshInput: counts.freshInputTokens, cachedInput: counts.cachedInputTokens,
                                       output: counts.outputTokens)
    }

    public static func of(_ models: [UsageSummary.ModelUsage], prices: PriceTable) -> UsageCost {
        var cost = UsageCost(known: 0, unpriced: [])
        for usage in models {
            if let dollars = of(usage.counts, model: usage.model, prices: prices) {
                cost.known += dollars
            } else if usage.counts.inputTokens + usage.counts.outputTokens > 0 {
                cost.unpriced.append(usage.model)
            }
        }
        return cost
    }
}
