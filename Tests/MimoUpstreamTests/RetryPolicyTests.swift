import Testing
@testable import MimoUpstream

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    /// 402 included: Token Plan answers bursts with "Insufficient account funds" (MiMo issue #99).
    @Test(arguments: [402, 429, 500, 502, 503, 504])
    func transientStatusesAreRetried(status: Int) {
        #expect(policy.decision(attempt: 1, failure: .status(status), retryAfter: nil, elapsed: .zero, jitter: 1) == .retry(after: .milliseconds(500)))
    }

    @Test func connectFailuresAreRetried() {
        #expect(policy.decision(attempt: 2, failure: .connect, retryAfter: nil, elapsed: .zero, jitter: 1) == .retry(after: .seconds(1)))
    }

    @Test(arguments: [400, 401, 403, 404, 408, 413, 421, 422, 501, 505])
    func deterministicFailuresAreNot(status: Int) {
        // MiMo's 400 for missing reasoning_content comes back identically every time.
        #expect(policy.decision(attempt: 1, failure: .status(status), retryAfter: .seconds(1), elapsed: .zero, jitter: 1) == .giveUp)
    }

    @Test func backoffDoublesUpToTheCapWithJitter() {
        let wide = RetryPolicy(maxRetries: 10, maxTotalWait: .seconds(3600))
        let delays = (1...6).map { wide.decision(attempt: $0, failure: .connect, retryAfter: nil, elapsed: .zero, jitter: 1) }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)].map { .retry(after: $0) })
        #expect(wide.decision(attempt: 3, failure: .connect, retryAfter: nil, elapsed: .zero, jitter: 1.1) == .retry(after: .milliseconds(2200)))
        #expect(wide.decision(attempt: 3, failure: .connect, retryAfter: nil, elapsed: .zero, jitter: 0.9) == .retry(after: .milliseconds(1800)))
        // Out-of-range jitter is clamped, not trusted.
        #expect(wide.decision(attempt: 3, failure: .connect, retryAfter: nil, elapsed: .zero, jitter: 50) == .retry(after: .milliseconds(2200)))
        #expect(wide.decision(attempt: 3, failure: .connect, retryAfter: nil, elapsed: .zero, jitter: .nan) == .retry(after: .seconds(2)))
    }

    @Test func retriesRunOut() {
        #expect(policy.decision(attempt: 3, failure: .status(503), retryAfter: nil, elapsed: .zero, jitter: 1) != .giveUp)
        #expect(policy.decision(attempt: 4, failure: .status(503), retryAfter: nil, elapsed: .zero, jitter: 1) == .giveUp)
        #expect(RetryPolicy(maxRetries: 0).decision(attempt: 1, failure: .connect, retryAfter: nil, elapsed: .zero, jitter: 1) == .giveUp)
    }

    @Test func retryAfterIsHonouredExactlyWithinTheBudget() {
        #expect(policy.decision(attempt: 1, failure: .status(429), retryAfter: .seconds(12), elapsed: .zero, jitter: 1.1) == .retry(after: .seconds(12)))
        #expect(policy.decision(attempt: 1, failure: .status(503), retryAfter: .zero, elapsed: .zero, jitter: 1) == .retry(after: .zero))
        #expect(policy.decision(attempt: 2, failure: .status(429), retryAfter: .seconds(20), elapsed: .seconds(10), jitter: 1) == .retry(after: .seconds(20)))
    }

    @Test func retryAfterBeyondTheBudgetGivesUpSoTheClientGetsIt() {
        #expect(policy.decision(attempt: 1, failure: .status(429), retryAfter: .seconds(31), elapsed: .zero, jitter: 1) == .giveUp)
        #expect(policy.decision(attempt: 2, failure: .status(429), retryAfter: .seconds(21), elapsed: .seconds(10), jitter: 1) == .giveUp)
    }

    @Test func backoffBeyondTheBudgetGivesUp() {
        #expect(policy.decision(attempt: 1, failure: .connect, retryAfter: nil, elapsed: .milliseconds(29_600), jitter: 1) == .giveUp)
        #expect(policy.decision(attempt: 1, failure: .connect, retryAfter: nil, elapsed: .milliseconds(29_500), jitter: 1) == .retry(after: .milliseconds(500)))
    }
}
