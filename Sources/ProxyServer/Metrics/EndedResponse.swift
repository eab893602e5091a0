import ResponsesTranslation
import UsageLedger

/// One request's end as `/metrics` counts it: model ids, a status, an outcome and numbers — never a key
/// or anything of the conversation.
package struct EndedResponse: Sendable {
    package var outcome: ExchangeOutcome
    package var httpStatus: Int
    /// The MiMo model that answered (after any fallback).
    package var upstreamModel: String
    package var duration: Duration
    /// From the request to MiMo's first chunk; nil when none came.
    package var timeToFirstByte: Duration?
    /// What MiMo reported; nil when it reported nothing.
    package var usage: Usage?
    /// What the translation dropped, repaired or approximated, both ways.
    package var notes: [TranslationNote]
    /// The same counts the usage ledger adds to its day row.
    package var counts: UsageCounts

    package init(outcome: ExchangeOutcome, httpStatus: Int, upstreamModel: String, duration: Duration,
                 timeToFirstByte: Duration?, usage: Usage?, notes: [TranslationNote], counts: UsageCounts) {
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.upstreamModel = upstreamModel
        self.duration = duration
        self.timeToFirstByte = timeToFirstByte
        self.usage = usage
        self.notes = notes
        self.counts = counts
    }
}
