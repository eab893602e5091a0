/// The simulator's token arithmetic: about four characters per token, the usual rule of thumb. Only
/// plausibility matters; the bridge must not depend on exact counts.
enum TokenEstimate {
    static let charactersPerToken = 4

    static func tokens(characters: Int) -> Int {
        (characters + charactersPerToken - 1) / charactersPerToken
    }

    /// Prompt tokens from the request body size, at least 1.
    static func promptTokens(bodyBytes: Int) -> Int {
        max(1, bodyBytes / charactersPerToken)
    }

    /// A prefix cache serves whole blocks of this many tokens, as MiMo's (and DeepSeek's) do.
    static let cacheBlockTokens = 64

    /// The prompt tokens a prefix cache would serve: the bytes this body shares with the previous body
    /// from the same key, as tokens, in whole blocks. A plausible figure, not MiMo's tokenizer.
    static func cachedPromptTokens(sharedPrefixBytes: Int, promptTokens: Int) -> Int {
        let tokens = sharedPrefixBytes / charactersPerToken
        return min(promptTokens, tokens / cacheBlockTokens * cacheBlockTokens)
    }

    static func reasoningTokens(_ reply: SimulatedReply) -> Int {
        tokens(characters: reply.reasoning.count)
    }

    static func completionTokens(_ reply: SimulatedReply) -> Int {
        tokens(characters: reply.reasoning.count + reply.content.count + reply.toolCalls.reduce(0) { $0 + $1.name.count + $1.arguments.count })
    }

    /// Cuts `reply` to `maxCompletionTokens`, which covers thinking and answer together as at MiMo:
    /// reasoning first, then text, then tool-call arguments. Anything cut ends with `length`, and cut
    /// arguments are left as invalid JSON, as a real cut would leave them.
    static func limit(_ reply: SimulatedReply, toMaxCompletionTokens maxTokens: Int) -> SimulatedReply {
        var budget = max(0, maxTokens) * charactersPerToken
        var limited = reply
        func take(_ text: String) -> (String, Bool) {
            guard text.count > budget else {
                budget -= text.count
                return (text, false)
            }
            let kept = String(text.prefix(budget))
            budget = 0
            return (kept, true)
        }
        var wasCut: Bool
        (limited.reasoning, wasCut) = take(reply.reasoning)
        if wasCut {
            limited.content = ""
            limited.toolCalls = []
        } else {
            (limited.content, wasCut) = take(reply.content)
            if wasCut {
                limited.toolCalls = []
            } else {
                var calls: [SimulatedReply.ToolCall] = []
                for call in reply.toolCalls where !wasCut {
                    var kept = call
                    (kept.arguments, wasCut) = take(call.arguments)
                    calls.append(kept)
                }
                limited.toolCalls = calls
            }
        }
        if wasCut { limited.finishReason = "length" }
        return limited
    }
}
