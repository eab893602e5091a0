/// The `response.failed` codes ccmimolink sends, and what Codex does with each. Codex 0.169 made
/// several codes fatal after one attempt that 0.163 retried (world-2026-12.md §2), so a code is
/// chosen for what the failure is — permanent or transient — never for its wording.
public enum CodexFailureCode: String, Sendable, CaseIterable {
    /// Fatal in every version: "Codex ran out of room in the model's context window".
    case contextLengthExceeded = "context_length_exceeded"
    /// Fatal in every version: "Quota exceeded". Only once retries of a 402 burst are spent.
    case insufficientQuota = "insufficient_quota"
    /// Retried after exactly the "try again in Ns" of the message.
    case rateLimitExceeded = "rate_limit_exceeded"
    /// Fatal, the message shown: MiMo rejects this request the same way however often it is sent.
    case invalidPrompt = "invalid_prompt"
    /// Fatal in 0.169 (0.163 retried it): MiMo serves no such model and it has no successor.
    case modelNotFound = "model_not_found"
    /// Fatal in 0.169 (0.163 retried it): MiMo's content filter refused the request.
    case contentPolicyViolation = "content_policy_violation"
    /// Not a code Codex knows, so it retries with backoff: for failures that may pass.
    case serverError = "server_error"

    /// Whether the newest tested Codex ends the turn on this code instead of retrying.
    public var endsTheTurn: Bool {
        switch self {
        case .rateLimitExceeded, .serverError: false
        case .contextLengthExceeded, .insufficientQuota, .invalidPrompt, .modelNotFound, .contentPolicyViolation: true
        }
    }
}
