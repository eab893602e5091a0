import SessionReplay

/// MiMo's list prices for input, in US dollars per million tokens (world-2026-12.md §1, recorded
/// 2026-12-07): a prompt prefix MiMo has seen is billed at about 1 % of fresh input. Only for the
/// benchmark's estimate; Token Plan users pay in credits.
enum ListPrices {
    static let perMillion: [String: (fresh: Double, cached: Double)] = [
        "mimo-v2.6-pro": (0.435, 0.0036),
        "mimo-v2.6-flash": (0.14, 0.0028),
    ]

    /// The input cost of `rows` when the cache serves `reused(row)` bytes of each prompt.
    static func inputCost(_ rows: [PrefixReuse], reused: (PrefixReuse) -> Int) -> Double {
        rows.reduce(0) { total, row in
            let price = perMillion[row.model] ?? perMillion["mimo-v2.6-pro"]!
            let cached = CachePrompt.estimatedTokens(bytes: reused(row))
            let fresh = CachePrompt.estimatedTokens(bytes: row.promptBytes) - cached
            return total + (Double(fresh) * price.fresh + Double(cached) * price.cached) / 1_000_000
        }
    }
}
