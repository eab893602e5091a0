/// When a daemon that systemd started through its sockets may exit to free its memory: nothing in
/// flight, no HTTP connection or control client open, no 429 backoff window still running, and
/// nothing at all for `after`. The sockets stay with systemd, so the next connection starts the daemon
/// again; state that must outlive the exit (pin, store, sync record, ledger, model list) is on disk.
///
/// A 429 backoff window lives only in memory, so the daemon does not exit during one: the next
/// instance would otherwise send the request MiMo just asked to hold back.
public struct IdleExitPolicy: Sendable, Equatable {
    /// How long nothing must happen.
    public let after: Duration
    /// How often a busy daemon looks again.
    public static let busyRecheck: Duration = .seconds(30)

    public init(after: Duration) {
        self.after = after
    }

    public struct Observation: Sendable, Equatable {
        public var now: ContinuousClock.Instant
        public var lastActivity: ContinuousClock.Instant
        public var inFlight: Int
        public var openConnections: Int
        public var controlClients: Int
        public var backoffRemaining: Duration

        public init(now: ContinuousClock.Instant, lastActivity: ContinuousClock.Instant, inFlight: Int, openConnections: Int,
                    controlClients: Int, backoffRemaining: Duration) {
            self.now = now
            self.lastActivity = lastActivity
            self.inFlight = inFlight
            self.openConnections = openConnections
            self.controlClients = controlClients
            self.backoffRemaining = backoffRemaining
        }
    }

    public enum Verdict: Sendable, Equatable {
        /// Idle long enough: exit now.
        case exit
        /// Look again after the duration. `busy` says what keeps the daemon awake, if anything does;
        /// without it, the duration is when the daemon will exit if nothing happens.
        case wait(Duration, busy: String?)
    }

    public func verdict(_ observation: Observation) -> Verdict {
        var busy: [String] = []
        if observation.inFlight > 0 { busy.append("\(observation.inFlight) request(s) in flight") }
        if observation.openConnections > 0 { busy.append("\(observation.openConnections) open connection(s)") }
        if observation.controlClients > 0 { busy.append("\(observation.controlClients) ccmimoctl client(s)") }
        if observation.backoffRemaining > .zero { busy.append("a 429 backoff window") }
        if !busy.isEmpty {
            let recheck = observation.backoffRemaining > .zero && busy.count == 1
                ? observation.backoffRemaining : Self.busyRecheck
            return .wait(min(recheck, Self.busyRecheck), busy: busy.joined(separator: ", "))
        }
        let idle = observation.now - observation.lastActivity
        return idle >= after ? .exit : .wait(after - idle, busy: nil)
    }
}
