/// When to resend a failed upstream request.
///
/// Only for failures before the first byte of the response reaches the client: once Codex has seen
/// events, a resend would duplicate them, so a later failure becomes `response.failed` and Codex's
/// own stream retry takes over.
///
/// Retried: connect failures, 429, 500, 502, 503, 504, and 402 (Token Plan answers bursts with "Insufficient
/// account funds" although the plan has credit: MiMo issue #99). Everything else is deterministic (a 400 such
/// as MiMo's missing-`reasoning_content` error comes back identically however often it is sent) and
/// goes straight to the client.
public struct RetryPolicy: Sendable, Hashable {
    /// Resends after the first attempt; 3 means at most 4 attempts.
    public var maxRetries: Int
    /// The first backoff; each later one doubles.
    public var baseDelay: Duration
    /// No single backoff is longer than this (before jitter).
    public var maxDelay: Duration
    /// The total time spent waiting, across all retries of one request. It is kept well below
    /// Codex's 300 s idle timeout, and a client with a 429 and a `Retry-After` retries on its own.
    public var maxTotalWait: Duration

    public init(
        maxRetries: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
        maxTotalWait: Duration = .seconds(30)
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalWait = maxTotalWait
    }

    public static func isRetryable(_ failure: UpstreamFailureKind) -> Bool {
        switch failure {
        case .connect: true
        case .status(let status): [402, 429, 500, 502, 503, 504].contains(status)
        }
    }

    /// - Parameters:
    ///   - attempt: the attempt that just failed, counting from 1.
    ///   - retryAfter: the response's parsed `Retry-After`, if any; honoured as given, but only
    ///     within the remaining budget.
    ///   - elapsed: time already spent waiting before earlier retries of this request.
    ///   - jitter: a random factor, drawn by the caller from 0.9...1.1 (clamped to that range), so
    ///     that requests failing together do not come back together.
    public func decision(
        attempt: Int, failure: UpstreamFailureKind, retryAfter: Duration?, elapsed: Duration, jitter: Double
    ) -> RetryDecision {
        guard Self.isRetryable(failure), attempt >= 1, attempt <= maxRetries else { return .giveUp }
        let remaining = maxTotalWait - elapsed
        let delay = retryAfter.map { max($0, .zero) } ?? backoff(attempt: attempt, jitter: jitter)
        // A Retry-After beyond the budget is not shortened: waiting less than the server asked
        // would earn another 429. The client gets the 429 and its Retry-After instead.
        guard delay <= remaining else { return .giveUp }
        return .retry(after: delay)
    }

    /// `baseDelay · 2^(attempt-1)`, capped at `maxDelay`, times the jitter, in whole milliseconds.
    func backoff(attempt: Int, jitter: Double) -> Duration {
        let doublings = min(max(attempt - 1, 0), 30)
        let exponential = baseDelay * (1 << doublings)
        let factor = min(max(jitter.isFinite ? jitter : 1, 0.9), 1.1)
        // Whole milliseconds: finer precision means nothing to a sleep, and exact values test cleanly.
        let milliseconds = Double(min(exponential, maxDelay) / .milliseconds(1)) * factor
        return .milliseconds(Int64(milliseconds.rounded()))
    }
}
