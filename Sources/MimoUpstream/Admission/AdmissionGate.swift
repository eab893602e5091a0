import NIOConcurrencyHelpers

/// `AdmissionState` on a real clock: requests suspend in `acquire` until admitted, and one timer
/// task, sleeping until the state's next deadline, wakes the queue when spacing or a backoff
/// window ends.
///
/// Slots never leak: a waiter whose task is cancelled leaves the queue and gets
/// `CancellationError`; a ticket granted at the moment of cancellation is released before the
/// error is thrown; a ticket the gate cannot hand over (its waiter is gone) is freed at once.
///
/// A lock around the state, not an actor (docs/ARCHITECTURE.md, "Locks, not actors"): a request
/// admitted at once (nearly all) returns without suspending. Continuations are resumed after the
/// lock is released.
public final class AdmissionGate: Sendable {
    public let configuration: AdmissionConfiguration

    /// Where one `acquire` call stands.
    private enum Waiter {
        /// Queued in the state; its continuation is not registered yet.
        case registering(serial: UInt64)
        case waiting(serial: UInt64, continuation: CheckedContinuation<AdmissionTicket, any Error>)
        /// Settled before its continuation was registered.
        case settled(serial: UInt64, Result<AdmissionTicket, any Error>)

        var serial: UInt64 {
            switch self {
            case .registering(let serial), .waiting(let serial, _), .settled(let serial, _): serial
            }
        }
    }

    private struct Core {
        var state: AdmissionState
        var waiters: [UInt64: Waiter] = [:]
        /// The serial of each admitted id's ticket.
        var admittedSerials: [UInt64: UInt64] = [:]
        var nextSerial: UInt64 = 0
        var timer: Task<Void, Never>?
    }

    /// What a state change asks for once the lock is released.
    private struct Effects {
        var resumes: [(CheckedContinuation<AdmissionTicket, any Error>, Result<AdmissionTicket, any Error>)] = []

        func run() {
            for (continuation, result) in resumes { continuation.resume(with: result) }
        }
    }

    private let core: NIOLockedValueBox<Core>
    private let origin: ContinuousClock.Instant

    public init(configuration: AdmissionConfiguration = AdmissionConfiguration()) {
        self.configuration = configuration
        self.core = NIOLockedValueBox(Core(state: AdmissionState(configuration: configuration)))
        self.origin = ContinuousClock.now
    }

    deinit { core.withLockedValue { $0.timer?.cancel() } }

    public var snapshot: AdmissionSnapshot {
        let now = self.now
        return core.withLockedValue { $0.state.snapshot(now: now) }
    }

    /// Waits for a slot. `id` must be unique among requests in flight or waiting.
    /// - Throws: `CancellationError` when the task is cancelled first; `AdmissionRejection` when the
    ///   queue is full, the wait exceeds `maxWait`, or the id is already in use.
    public func acquire(id: UInt64) async throws -> AdmissionTicket {
        try Task.checkCancellation()
        var effects = Effects()
        let (serial, outcome) = core.withLockedValue { core -> (UInt64, Result<AdmissionTicket, any Error>?) in
            core.nextSerial += 1
            let serial = core.nextSerial
            guard core.waiters[id] == nil else { return (serial, .failure(AdmissionRejection.duplicateID(id))) }
            core.waiters[id] = .registering(serial: serial)
            apply(core.state.requestAdmission(id: id, now: now), to: &core, effects: &effects)
            guard case .settled(_, let result)? = core.waiters[id] else { return (serial, nil) }
            core.waiters[id] = nil
            return (serial, result)
        }
        effects.run()
        // Admitted (or turned away) at once: no suspension.
        if let outcome { return try outcome.get() }

        let ticket = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<AdmissionTicket, any Error>) in
                let settled = core.withLockedValue { core -> Result<AdmissionTicket, any Error>? in
                    switch core.waiters[id] {
                    case .registering(let current)? where current == serial:
                        core.waiters[id] = .waiting(serial: serial, continuation: continuation)
                        return nil
                    case .settled(let current, let result)? where current == serial:
                        core.waiters[id] = nil
                        return result
                    default:
                        return .failure(CancellationError())
                    }
                }
                if let settled { continuation.resume(with: settled) }
            }
        } onCancel: {
            cancelWaiter(id: id, serial: serial)
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
        var effects = Effects()
        core.withLockedValue { core in
            guard core.admittedSerials[ticket.id] == ticket.serial else { return }
            core.admittedSerials[ticket.id] = nil
            apply(core.state.release(id: ticket.id, now: now), to: &core, effects: &effects)
        }
        effects.run()
    }

    /// MiMo answered 429: hold back every new request until the window ends.
    public func rateLimited(retryAfter: Duration?) {
        var effects = Effects()
        core.withLockedValue { core in
            apply(core.state.rateLimited(retryAfter: retryAfter, now: now), to: &core, effects: &effects)
        }
        effects.run()
    }

    /// Runs `body` holding a slot, and releases it however `body` ends.
    public func withAdmission<Result: Sendable>(
        id: UInt64, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        let ticket = try await acquire(id: id)
        defer { release(ticket) }
        return try await body()
    }

    // MARK: - Driving the state

    private var now: Duration { origin.duration(to: .now) }

    private func cancelWaiter(id: UInt64, serial: UInt64) {
        var effects = Effects()
        core.withLockedValue { core in
            switch core.waiters[id] {
            case .registering(let current)? where current == serial:
                core.waiters[id] = .settled(serial: serial, .failure(CancellationError()))
            case .waiting(let current, let continuation)? where current == serial:
                core.waiters[id] = nil
                effects.resumes.append((continuation, .failure(CancellationError())))
            default:
                return
            }
            apply(core.state.cancel(id: id, now: now), to: &core, effects: &effects)
        }
        effects.run()
    }

    private func timerFired() {
        var effects = Effects()
        core.withLockedValue { core in
            apply(core.state.timerFired(now: now), to: &core, effects: &effects)
        }
        effects.run()
    }

    private func apply(_ actions: [AdmissionAction], to core: inout Core, effects: inout Effects) {
        for action in actions {
            switch action {
            case .admit(let id):
                guard let waiter = core.waiters[id] else {
                    // Its waiter is gone (cancelled): the slot is free again at once.
                    apply(core.state.release(id: id, now: now), to: &core, effects: &effects)
                    continue
                }
                let ticket = AdmissionTicket(id: id, serial: waiter.serial)
                core.admittedSerials[id] = waiter.serial
                settle(id, waiter, with: .success(ticket), in: &core, effects: &effects)
            case .reject(let id, let reason):
                if let waiter = core.waiters[id] { settle(id, waiter, with: .failure(reason), in: &core, effects: &effects) }
            case .scheduleTimer(let offset):
                schedule(at: origin.advanced(by: offset), in: &core)
            }
        }
    }

    private func settle(_ id: UInt64, _ waiter: Waiter, with result: Result<AdmissionTicket, any Error>,
                        in core: inout Core, effects: inout Effects) {
        switch waiter {
        case .registering(let serial):
            core.waiters[id] = .settled(serial: serial, result)
        case .waiting(_, let continuation):
            core.waiters[id] = nil
            effects.resumes.append((continuation, result))
        case .settled:
            break
        }
    }

    /// One timer at a time: the state only asks for an earlier one than it already has.
    private func schedule(at deadline: ContinuousClock.Instant, in core: inout Core) {
        core.timer?.cancel()
        core.timer = Task { [weak self] in
            do {
                try await Task.sleep(until: deadline, clock: .continuous)
            } catch {
                return
            }
            self?.timerFired()
        }
    }
}
