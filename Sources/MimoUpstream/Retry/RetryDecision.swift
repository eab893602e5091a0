/// What to do after a failed upstream attempt.
public enum RetryDecision: Sendable, Hashable {
    /// Send the same request again after this delay.
    case retry(after: Duration)
    /// Pass the failure on to the client (for a 429, with a `Retry-After`).
    case giveUp
}
