/// What MiMo charges for one model, in US dollars per million tokens, and where the numbers came from.
/// Reasoning tokens are output tokens (MiMo counts them in `completion_tokens`), so they have no price
/// of their own. Codable because `ccmimoctl usage` lists the prices as they are (the control protocol's
/// coder spells `cachedInput` as `cached_input`).
public struct TokenPrice: Codable, Sendable, Equatable {
    public var model: String
    /// Fresh (uncached) input.
    public var input: Double
    /// Input served from MiMo's prompt cache: about 1% of `input`.
    public var cachedInput: Double
    public var output: Double
    /// The day the numbers were recorded (YYYY-MM-DD); nil for prices the user configured.
    public var recorded: String?
    /// Where they came from: a published price list, or the setting that configured them.
    public var source: String

    public init(model: String, input: Double, cachedInput: Double, output: Double, recorded: String? = nil, source: String) {
        self.model = model
        self.input = input
        self.cachedInput = cachedInput
        self.output = output
        self.recorded = recorded
        self.source = source
    }

    /// Dollars for these token counts. `output` includes reasoning, as MiMo bills it.
    public func cost(freshInput: Int, cachedInput cached: Int, output outputTokens: Int) -> Double {
        (Double(freshInput) * input + Double(cached) * cachedInput + Double(outputTokens) * output) / 1_000_000
    }
}

extension TokenPrice {
    /// Xiaomi's pay-as-you-go prices for the current line. Token Plan subscriptions are not billed per
    /// token; for them these are what the same traffic would cost pay-as-you-go. The ultraspeed model
    /// has no published price here and stays unpriced: a guess would be a wrong number.
    public static let published: [TokenPrice] = [
        TokenPrice(model: "mimo-v2.6-pro", input: 0.435, cachedInput: 0.0036, output: 0.87, recorded: "2026-12-07",
                   source: "Xiaomi MiMo pay-as-you-go price list (world-2026-12.md §1)"),
        TokenPrice(model: "mimo-v2.6-flash", input: 0.14, cachedInput: 0.0028, output: 0.28, recorded: "2026-12-07",
                   source: "Xiaomi MiMo pay-as-you-go price list (world-2026-12.md §1)"),
    ]
}
