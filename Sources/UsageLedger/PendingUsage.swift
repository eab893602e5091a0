import ResponsesTranslation

/// Counts recorded but not yet written, summed per day and model: however many requests end while a
/// write is under way, the next write is one upsert per row they touched.
struct PendingUsage: Sendable {
    struct Key: Hashable, Sendable {
        var day: LocalDay
        var model: String
    }

    private(set) var counts: [Key: UsageCounts] = [:]

    var isEmpty: Bool { counts.isEmpty }

    mutating func add(_ usage: UsageCounts, model: String, on day: LocalDay) {
        counts[Key(day: day, model: model), default: .zero] += usage
    }

    /// Adds a batch back (its write failed), so nothing counted is lost.
    mutating func merge(_ batch: [UsageRow]) {
        for row in batch { add(row.counts, model: row.model, on: row.day) }
    }

    /// Everything pending, oldest day first; leaves nothing behind.
    mutating func take() -> [UsageRow] {
        defer { counts = [:] }
        return counts.map { UsageRow(day: $0.key.day, model: $0.key.model, counts: $0.value) }
            .sorted { ($0.day, $0.model) < ($1.day, $1.model) }
    }

    /// The pending rows without taking them, for a report that must include what is not written yet.
    var rows: [UsageRow] {
        counts.map { UsageRow(day: $0.key.day, model: $0.key.model, counts: $0.value) }
    }
}
