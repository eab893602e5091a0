/// How much the ledger keeps. One row per local day and model, so with both limits at their defaults
/// the file holds at most 366 × 32 rows (under 2 MB), and in practice a few hundred (about 40 KB).
public struct UsageLedgerLimits: Sendable, Equatable {
    /// Days kept, today included: a year and a day, so the same day last year is still there and
    /// any monthly view works. Older rows are deleted when a day's first request is written.
    public var retentionDays: Int
    /// Models counted separately on one day; the rest of that day's models share one row named
    /// `otherModelsRow`. Model names come from requests (a client may name any `mimo-*` slug), so
    /// without this a misbehaving client could grow the file without end.
    public var maxModelsPerDay: Int
    /// Longer names are cut (MiMo's ids are far shorter).
    public static let maxModelNameLength = 64
    /// The row that collects a day's models beyond `maxModelsPerDay`.
    public static let otherModelsRow = "(other models)"

    public init(retentionDays: Int = 366, maxModelsPerDay: Int = 32) {
        self.retentionDays = retentionDays
        self.maxModelsPerDay = maxModelsPerDay
    }

    var problem: String? {
        if retentionDays < 30 { return "retentionDays must be at least 30, for the 30-day view (got \(retentionDays))" }
        if maxModelsPerDay < 2 { return "maxModelsPerDay must be at least 2 (got \(maxModelsPerDay))" }
        return nil
    }
}
