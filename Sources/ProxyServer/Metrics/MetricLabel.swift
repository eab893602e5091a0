/// The label names of `/metrics`, and the label values that come from a fixed set. Every value is a
/// model id, a status, an outcome or one of these words: never a key or anything of a conversation.
enum MetricLabel: String, Sendable, CaseIterable {
    /// The route; `responses` for now.
    case endpoint
    /// The HTTP status the client got.
    case status
    /// The MiMo model that answered.
    case model
    /// How the request ended (`ExchangeOutcome`).
    case outcome
    /// `TokenDirection`.
    case direction
    /// A `UsageTokenKind`, or a `TranslationNote.Kind`.
    case kind
}

/// The `endpoint` label's values.
enum MetricEndpoint: String, Sendable {
    case responses
}

/// The `direction` label of `ccmimolink_tokens_total`: MiMo's `prompt_tokens` and `completion_tokens`.
enum TokenDirection: String, Sendable, CaseIterable {
    case input, output
}

/// The `kind` label of `ccmimolink_usage_tokens_total`: the usage ledger's columns.
enum UsageTokenKind: String, Sendable, CaseIterable {
    case freshInput = "fresh_input"
    case cachedInput = "cached_input"
    /// Completion tokens, reasoning included.
    case output
    /// The reasoning part of `output`.
    case reasoning
}
