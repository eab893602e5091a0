/// `AdmissionState` on a real clock: requests suspend in `acquire` until admitted, and one timer
/// task, sleeping until the state's next deadline, wakes the queue when spacing or a backoff
/// window ends.
///
/// Slots never leak: a waiter whose task is cancelled leaves the queue and gets
/// `CancellationError`; a ticket granted at the moment of cancellation is released before the
/// error is thrown; a ticket the gate cannot hand over (its waiter is gone) is freed at once.
public actor AdmissionGate {
    public nonisolated let configuration: AdmissionConfiguration
    private var state: AdmissionState
    private let origin: ContinuousClock.Instant
    /// Each waiter with the serial of its `acquire` call, so a late cancellation cannot remove a
    /// newer waiter that reused the id.
    private var waiters: [UInt64: (serial: UInt64, continuation: CheckedContinuation<AdmissionTicket, any Error>)] = [:]
    /// The serial of each admitted id's ticket.
    private var admittedSerials: [UInt64: UInt64] = [:]
    private var nextSerial: UInt64 = 0
    private var timer: Task<Void, Never>?

    public init(configuration: AdmissionConfiguration = AdmissionConfiguration()) {
        self.configuration = configuration
        self.state = AdmissionState(configuration: configuration)
        self.origin = ContinuousClock.now
    }

    deinit { timer?.cancel() }

    public var snapshot: AdmissionSnapshot { state.snapshot(now: now) }

    /// Waits for a slot. `id` must be unique among requests in flight or waiting.
    /// - Throws: `CancellationError` when the task is cancelled first; `AdmissionRejection` when the
    ///   queue is full, the wait exceeds `maxWait`, or the id is already in use.
    public func acquire(id: UInt64) async throws -> AdmissionTicket {
        try Task.checkCancellation()
        nextSerial += 1
        let serial = nextSerial
        let ticket = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                enqueue(id: id, serial: serial, continuation: continuation)
            }
        } onCancel: {
            Task { await self.cancelWaiter(id: id, serial: serial) }
        }
        if Task.isCancelled {
            // Admitted in the same instant as the cancellation: give the slot back.
            release(ticket)
            throw CancellationError()
        }
        return ticket
    }

    /// Frees the ticket's slot. Releasing twice is harmless.
    public func release(_ ticket: AdmissionTicket) {
        guard admittedSerials[ticket.id] == ticket.serial else { return }
        admittedSerials[ticket.id] = nil
        apply(state.release(id: ticket.id, now: now))
    }

    /// MiMo answered 429: hold back every new request until the window ends.
    public func rateLimited(retryAfter: Duration?) {
        apply(state.rateLimited(retryAfter: retryAfter, now: now))
    }

    /// Runs `body` holding a slot, and releases it however `body` ends.
    public nonisolated func withAdmission<Result: Sendable>(
        id: UInt64, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        let ticket = try await acquire(id: id)
        do {
            let result = try await body()
            await release(ticket)
            return result
        } catch {
            await release(ticket)
            throw error
        }
    }

    // MARK: - Driving the state

    private var now: Duration { origin.duration(to: .now) }

    private func enqueue(id: UInt64, serial: UInt64, continuation: CheckedContinuation<AdmissionTicket, any Error>) {
        if Task.isCancelled {
            continuation.resume(throwing: CancellationError())
            return
        }
        guard waiters[id] == nil else {
            continuation.resume(throwing: AdmissionRejection.duplicateID(id))
            return
        }
        waiters[id] = (serial, continuation)
        apply(state.requestAdmission(id: id, now: now))
    }

    private func cancelWaiter(id: UInt64, serial: UInt64) {
        guard let waiter = waiters[id], waiter.serial == serial else { return }
        waiters[id] = nil
        waiter.continuation.resume(throwing: CancellationError())
        apply(state.cancel(id: id, now: now))
    }

    private func timerFired() {
        apply(state.timerFired(now: now))
    }

    private func apply(_ actions: [AdmissionAction]) {
        for action in actions {
            switch action {
            case .admit(let id):
                if let waiter = waiters.removeValue(forKey: id) {
                    admittedSerials[id] = waiter.serial
                    waiter.continuation.resume(returning: AdmissionTicket(id: id, serial: waiter.serial))
                } else {
                    apply(state.release(id: id, now: now))
                }
            case .reject(let id, let reason):
                waiters.removeValue(forKey: id)?.continuation.resume(throwing: reason)
            case .scheduleTimer(let offset):
                schedule(at: origin.advanced(by: offset))
            }
        }
    }

    /// One timer at a time: the state only asks for an earlier one than it already has.
    private func schedule(at deadline: ContinuousClock.Instant) {
        timer?.cancel()
        timer = Task { [weak self] in
            do {
                try await Task.sleep(until: deadline, clock: .continuous)
            } catch {
                return
            }
            await self?.timerFired()
        }
    }
}
