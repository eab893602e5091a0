import ResponsesTranslation

/// One row of the ledger: what one upstream model used on one local day.
public struct UsageRow: Sendable, Equatable {
    public var day: LocalDay
    public var model: String
    public var counts: UsageCounts
}
