/// Where the daemon should send the synced provider's traffic, and whether that came from the sync
/// record itself or, because the record could not be read, from the last upstream read from it.
public struct UpstreamRecall: Sendable, Equatable {
    /// Nil: no provider is synced (the daemon's own settings decide), or nothing was ever remembered.
    public var upstream: RememberedUpstream?
    /// Why the record could not be read; `upstream` is then the last known one.
    public var recordProblem: SyncError?
    /// Why the last known upstream could not be kept up to date (it is only a fallback; the record
    /// itself is fine then).
    public var lastKnownProblem: String?

    public init(upstream: RememberedUpstream?, recordProblem: SyncError? = nil, lastKnownProblem: String? = nil) {
        self.upstream = upstream
        self.recordProblem = recordProblem
        self.lastKnownProblem = lastKnownProblem
    }
}
