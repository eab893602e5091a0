import UsageLedger

extension ProxyMetrics {
    /// The usage ledger's counters, since the daemon started, by upstream model: the same numbers the
    /// ledger adds to its day rows, so a dashboard and `ccmimoctl usage` agree.
    func record(usage counts: UsageCounts, model: String) {
        increment("ccmimolink_usage_requests_total", ["model": model], by: Double(counts.requests))
        if counts.failed > 0 { increment("ccmimolink_usage_failed_total", ["model": model], by: Double(counts.failed)) }
        for (kind, tokens) in [("fresh_input", counts.freshInputTokens), ("cached_input", counts.cachedInputTokens),
                               ("output", counts.outputTokens), ("reasoning", counts.reasoningTokens)] {
            increment("ccmimolink_usage_tokens_total", ["model": model, "kind": kind], by: Double(tokens))
        }
    }
}
