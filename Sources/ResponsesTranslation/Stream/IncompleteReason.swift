/// `incomplete_details.reason` of a `response.incomplete`. Codex ends the turn on that event without
/// retrying ("Incomplete response returned, reason: …", exit 1 in `codex exec`), keeping the items
/// already done; the reason is what it shows.
public enum IncompleteReason: String, Sendable, CaseIterable {
    /// The answer reached the output limit.
    case maxOutputTokens = "max_output_tokens"
    /// MiMo's content filter cut the answer.
    case contentFilter = "content_filter"
}
