import ResponsesTranslation

/// How a request ended: the `outcome` of its log line ("response <outcome>") and the `outcome` label of
/// `ccmimolink_upstream_requests_total`. Log queries and dashboards select on these strings.
package enum ExchangeOutcome: String, Sendable, CaseIterable {
    /// `response.completed`, or the complete JSON body.
    case completed
    /// `response.incomplete`: an answer cut at the output limit or by MiMo's filter.
    case incomplete
    /// `response.failed`: the answer broke off with an error code (Codex retries or stops, by code).
    case failed
    /// An HTTP error before any of the response went out.
    case error
    /// The response ended before its last event: the client went away, or the daemon is stopping
    /// (the log line's `reason` says which).
    case clientDisconnected = "client_disconnected"

    /// The outcome of a response that reached its last event.
    init(_ status: ResponseObject.Status) {
        switch status {
        case .completed: self = .completed
        case .incomplete: self = .incomplete
        // Every caller finishes the translator first, so `in_progress` cannot arrive; if it did, it
        // would be no answer.
        case .failed, .inProgress: self = .failed
        }
    }

    /// Whether the client got an answer; the usage ledger counts the others as failed turns.
    package var gaveAnAnswer: Bool { self == .completed || self == .incomplete }
}
