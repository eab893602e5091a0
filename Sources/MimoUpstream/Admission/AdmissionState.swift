/// Who may call MiMo now: at most `maxConcurrent` in flight, admissions at least `minSpacing`
/// apart, none during a backoff window opened by a 429, first come first served.
///
/// A pure state machine: the owner reports events with the current time (`now`, an offset on any
/// monotonic clock) and carries out the returned actions, so every rule is testable without a clock.
public struct AdmissionState: Sendable {
    public let configuration: AdmissionConfiguration

    private struct Waiter: Sendable {
        var id: UInt64
        var since: Duration
    }

    private var admitted: Set<UInt64> = []
    /// FIFO; short (bounded by `maxWaiting`), so removal from the middle is cheap enough.
    private var waiters: [Waiter] = []
    private var lastAdmission: Duration?
    private var backoffUntil: Duration?
    /// The earliest timer asked for and not yet fired; later wake-ups wait for it.
    private var pendingTimer: Duration?

    public init(configuration: AdmissionConfiguration) {
        self.configuration = configuration
    }

    public func snapshot(now: Duration) -> AdmissionSnapshot {
        AdmissionSnapshot(
            inFlight: admitted.count, waiting: waiters.count,
            backoffRemaining: backoffUntil.map { max(.zero, $0 - now) } ?? .zero)
    }

    public mutating func requestAdmission(id: UInt64, now: Duration) -> [AdmissionAction] {
        if admitted.contains(id) || waiters.contains(where: { $0.id == id }) {
            return [.reject(id, .duplicateID(id))]
        }
        // Settle the queue first (expiries, overdue admissions) so the full-queue check is fair.
        var actions = pump(now: now)
        let admissibleAtOnce = waiters.isEmpty && canAdmit(now: now)
        if !admissibleAtOnce, waiters.count >= configuration.maxWaiting {
            actions.append(.reject(id, .queueFull(limit: configuration.maxWaiting)))
            return actions
        }
        waiters.append(Waiter(id: id, since: now))
        return actions + pump(now: now)
    }

    /// The request finished (or failed); its slot is free.
    public mutating func release(id: UInt64, now: Duration) -> [AdmissionAction] {
        cancel(id: id, now: now)
    }

    /// The requester gave up (client gone, task cancelled): a waiter leaves the queue, an admitted
    /// request frees its slot. Unknown ids are ignored, so releasing twice is harmless.
    public mutating func cancel(id: UInt64, now: Duration) -> [AdmissionAction] {
        if admitted.remove(id) != nil {
            return pump(now: now)
        }
        if let index = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: index)
            return pump(now: now)
        }
        return []
    }

    /// MiMo answered 429: nobody new starts until the window ends. One window is shared by all
    /// requests, since MiMo's limits are per account; a later 429 can extend it, never shorten it.
    public mutating func rateLimited(retryAfter: Duration?, now: Duration) -> [AdmissionAction] {
        let end = now + max(.zero, retryAfter ?? configuration.defaultBackoff)
        backoffUntil = max(backoffUntil ?? end, end)
        return pump(now: now)
    }

    public mutating func timerFired(now: Duration) -> [AdmissionAction] {
        // The owner keeps one timer; whichever fired, none is pending now.
        pendingTimer = nil
        return pump(now: now)
    }

    // MARK: - Rules

    private func canAdmit(now: Duration) -> Bool {
        admitted.count < configuration.maxConcurrent
            && backoffUntil.map { now >= $0 } ?? true
            && lastAdmission.map { now >= $0 + configuration.minSpacing } ?? true
    }

    /// Runs after admissions, so an expired head is one that could not be admitted now: a request
    /// whose deadline and chance come at the same instant is admitted, not rejected.
    private mutating func expireWaiters(now: Duration) -> [AdmissionAction] {
        guard let maxWait = configuration.maxWait else { return [] }
        var actions: [AdmissionAction] = []
        // Waiters are in arrival order, so the expired ones are a prefix.
        while let head = waiters.first, now - head.since >= maxWait {
            waiters.removeFirst()
            actions.append(.reject(head.id, .waitedTooLong(limit: maxWait)))
        }
        return actions
    }

    private mutating func pump(now: Duration) -> [AdmissionAction] {
        var actions: [AdmissionAction] = []
        while !waiters.isEmpty, canAdmit(now: now) {
            let next = waiters.removeFirst()
            admitted.insert(next.id)
            lastAdmission = now
            actions.append(.admit(next.id))
        }
        actions += expireWaiters(now: now)
        if let wakeUp = nextWakeUp(now: now), pendingTimer.map({ wakeUp < $0 }) ?? true {
            pendingTimer = wakeUp
            actions.append(.scheduleTimer(at: wakeUp))
        }
        return actions
    }

    /// When waiting could end without another event: a spacing gap or backoff window closing while
    /// a slot is free, or the head waiter's deadline. A full house waits for a release instead.
    private func nextWakeUp(now: Duration) -> Duration? {
        guard let head = waiters.first else { return nil }
        var wakeUp: Duration?
        if admitted.count < configuration.maxConcurrent {
            var opens = now
            if let backoffUntil { opens = max(opens, backoffUntil) }
            if let lastAdmission { opens = max(opens, lastAdmission + configuration.minSpacing) }
            if opens > now { wakeUp = opens }
        }
        if let maxWait = configuration.maxWait {
            let deadline = head.since + maxWait
            wakeUp = min(wakeUp ?? deadline, deadline)
        }
        return wakeUp
    }
}
