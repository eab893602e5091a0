/// The admission queue at one moment, for status output and tests.
public struct AdmissionSnapshot: Sendable, Hashable {
    public var inFlight: Int
    public var waiting: Int
    /// Time left in the shared 429 backoff window; zero when none is open.
    public var backoffRemaining: Duration
}
