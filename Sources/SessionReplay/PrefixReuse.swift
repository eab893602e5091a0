import ResponsesTranslation

/// What a prefix cache could serve of one upstream request, next to the best possible.
public struct PrefixReuse: Sendable, Equatable {
    /// 1-based, over the requests MiMo answered.
    public var request: Int
    public var turn: Int
    public var model: String
    public var promptBytes: Int
    /// The longest common prefix with the latest earlier prompt sent to the same model in the same
    /// conversation: a cache is per model, so a switch of model starts cold.
    public var reusableBytes: Int
    /// What a perfect bridge would reuse: the longest common prefix with the client's previous request
    /// of the conversation as this model would have been sent it (all of it, when the client's request
    /// extends its previous one and the bridge keeps every derived byte as it was).
    public var bestBytes: Int
    /// Whether the client's request extended its previous one (its history grew, nothing else changed).
    public var clientExtended: Bool

    public var isBest: Bool { reusableBytes >= bestBytes }
}

/// Follows the upstream requests of a session one by one and says, for each, what a prompt cache
/// could reuse, next to the best possible.
public struct PrefixReuseMeter: Sendable {
    private var latestByModel: [String: [String: [UInt8]]] = [:]
    public private(set) var rows: [PrefixReuse] = []

    public init() {}

    /// `conversation` keys the cache (Codex's `prompt_cache_key`); `ideal` is the client's previous
    /// request of that conversation as this request's model would have been sent it (nil for the first).
    @discardableResult
    public mutating func record(_ prompt: CachePrompt, conversation: String, turn: Int, clientExtended: Bool,
                                ideal: CachePrompt?) -> PrefixReuse {
        let cached = latestByModel[conversation]?[prompt.model]
        let reusable = cached.map { CachePrompt.commonPrefixLength($0, prompt.bytes) } ?? 0
        var best = 0
        if let ideal {
            // A perfect bridge extends its previous prompt whenever the client extends its request.
            best = clientExtended ? min(ideal.bytes.count, prompt.bytes.count) : CachePrompt.commonPrefixLength(ideal.bytes, prompt.bytes)
        }
        let row = PrefixReuse(request: rows.count + 1, turn: turn, model: prompt.model, promptBytes: prompt.bytes.count,
                              reusableBytes: reusable, bestBytes: max(best, reusable), clientExtended: clientExtended)
        latestByModel[conversation, default: [:]][prompt.model] = prompt.bytes
        rows.append(row)
        return row
    }
}
