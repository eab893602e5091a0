/// Token usage in Responses terms. Codex drives auto-compaction from `total_tokens`, so these are
/// MiMo's real numbers or all zeros — never a partial object (Codex fails to parse one).
public struct Usage: Sendable, Equatable {
    public var inputTokens: Int
    public var cachedTokens: Int
    public var outputTokens: Int
    public var reasoningTokens: Int
    public var totalTokens: Int

    public init(inputTokens: Int = 0, cachedTokens: Int = 0, outputTokens: Int = 0, reasoningTokens: Int = 0, totalTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.cachedTokens = cachedTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
        self.totalTokens = totalTokens ?? inputTokens + outputTokens
    }

    public static let zero = Usage()

    /// From a Chat Completions `usage` object; nil when it carries no token counts.
    public init?(chat usage: JSONValue) {
        guard usage.objectValue != nil else { return nil }
        let prompt = usage["prompt_tokens"]?.intValue
        let completion = usage["completion_tokens"]?.intValue
        guard prompt != nil || completion != nil || usage["total_tokens"]?.intValue != nil else { return nil }
        self.init(inputTokens: prompt ?? 0,
                  cachedTokens: usage["prompt_tokens_details"]?["cached_tokens"]?.intValue
                      ?? usage["prompt_cache_hit_tokens"]?.intValue ?? 0,
                  outputTokens: completion ?? 0,
                  reasoningTokens: usage["completion_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0,
                  totalTokens: usage["total_tokens"]?.intValue)
    }

    public var json: JSONValue {
        [
            "input_tokens": .int(inputTokens),
            "input_tokens_details": ["cached_tokens": .int(cachedTokens), "cache_write_tokens": 0],
            "output_tokens": .int(outputTokens),
            "output_tokens_details": ["reasoning_tokens": .int(reasoningTokens)],
            "total_tokens": .int(totalTokens),
        ]
    }
}
