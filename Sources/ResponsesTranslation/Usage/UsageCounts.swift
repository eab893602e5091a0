/// What MiMo's usage adds up to, for one request or for many: what the usage ledger stores, `/metrics`
/// counts and `ccmimoctl usage` shows. Counts only: no prompt, no key, no id.
public struct UsageCounts: Sendable, Equatable {
    /// Requests that reached MiMo's model (answered, failed or abandoned).
    public var requests: Int
    /// Of those, the turns that did not end with an answer: an error before or during the stream, or
    /// the client gone before the end.
    public var failed: Int
    /// Input tokens MiMo processed anew (its `prompt_tokens` less the cached ones).
    public var freshInputTokens: Int
    /// Input tokens served from MiMo's prompt cache, billed at about 1% of fresh input.
    public var cachedInputTokens: Int
    /// Completion tokens, reasoning included (MiMo bills them together).
    public var outputTokens: Int
    /// Of `outputTokens`, the model's thinking.
    public var reasoningTokens: Int

    public init(requests: Int = 0, failed: Int = 0, freshInputTokens: Int = 0, cachedInputTokens: Int = 0,
                outputTokens: Int = 0, reasoningTokens: Int = 0) {
        self.requests = requests
        self.failed = failed
        self.freshInputTokens = freshInputTokens
        self.cachedInputTokens = cachedInputTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
    }

    public static let zero = UsageCounts()

    /// One request, from MiMo's numbers: `inputTokens` includes the cached ones, as MiMo reports it.
    /// Counts MiMo did not send are zero; nonsense (negative, more cached than input) is clamped.
    public static func request(inputTokens: Int, cachedTokens: Int, outputTokens: Int, reasoningTokens: Int,
                               failed: Bool) -> UsageCounts {
        let input = max(0, inputTokens)
        let cached = min(max(0, cachedTokens), input)
        let output = max(0, outputTokens)
        return UsageCounts(requests: 1, failed: failed ? 1 : 0, freshInputTokens: input - cached, cachedInputTokens: cached,
                           outputTokens: output, reasoningTokens: min(max(0, reasoningTokens), output))
    }

    /// Fresh and cached input together: MiMo's `prompt_tokens`.
    public var inputTokens: Int { freshInputTokens + cachedInputTokens }

    /// The part of the input MiMo's prompt cache served, 0…1; nil without input.
    public var cachedShare: Double? {
        inputTokens == 0 ? nil : Double(cachedInputTokens) / Double(inputTokens)
    }

    public var isZero: Bool { self == .zero }

    public static func + (a: UsageCounts, b: UsageCounts) -> UsageCounts {
        UsageCounts(requests: a.requests + b.requests, failed: a.failed + b.failed,
                    freshInputTokens: a.freshInputTokens + b.freshInputTokens,
                    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
                    outputTokens: a.outputTokens + b.outputTokens, reasoningTokens: a.reasoningTokens + b.reasoningTokens)
    }

    public static func += (a: inout UsageCounts, b: UsageCounts) { a = a + b }
}
