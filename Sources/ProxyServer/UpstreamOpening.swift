import MimoUpstream
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers

/// The eventual result of opening MiMo's stream. The handler waits for it briefly, so that errors
/// MiMo gives at once become real HTTP statuses (a 429 with Retry-After, a readable 401); the
/// stream body waits for it without a deadline while sending keepalives.
///
/// Resolved and read on the connection's event loop, on the path of every first byte: a lock, not an
/// actor (docs/ARCHITECTURE.md, "Locks, not actors").
final class UpstreamOpening: Sendable {
    typealias Outcome = Result<UpstreamChunks, UpstreamCallFailure>

    private struct State {
        var outcome: Outcome?
        var waiters: [Int: CheckedContinuation<Outcome?, Never>] = [:]
        var callbacks: [@Sendable (Outcome) -> Void] = []
        var expiredBeforeWaiting: Set<Int> = []
        var nextID = 0
    }

    private let state = NIOLockedValueBox(State())

    func resolve(_ result: Outcome) {
        let (waiters, callbacks) = state.withLockedValue { state in
            guard state.outcome == nil else { return ([CheckedContinuation<Outcome?, Never>](), [@Sendable (Outcome) -> Void]()) }
            state.outcome = result
            defer { (state.waiters, state.callbacks) = ([:], []) }
            return (Array(state.waiters.values), state.callbacks)
        }
        for waiter in waiters { waiter.resume(returning: result) }
        for callback in callbacks { callback(result) }
    }

    /// Calls `callback` with the outcome: now when there is one, else where it is resolved. No task
    /// waits for it, so the stream's first events cost no task switch.
    func whenResolved(_ callback: @escaping @Sendable (Outcome) -> Void) {
        let outcome = state.withLockedValue { state -> Outcome? in
            if state.outcome == nil { state.callbacks.append(callback) }
            return state.outcome
        }
        if let outcome { callback(outcome) }
    }

    /// The outcome, or nil when `timeout` passes first or the waiting task is cancelled.
    func wait(timeout: Duration?) async -> Outcome? {
        let waiterID = state.withLockedValue { state -> Int? in
            guard state.outcome == nil else { return nil }
            defer { state.nextID += 1 }
            return state.nextID
        }
        guard let id = waiterID else { return state.withLockedValue { $0.outcome } }
        // A timer on the connection's event loop rather than a sleeping task: a request that MiMo
        // answers in time (nearly all) then costs no task and no wake-up of Swift's timer thread.
        let loop = ConnectionAffinity.executor?.eventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        let timer = timeout.map { delay in
            loop.scheduleTask(in: TimeAmount(delay)) { [weak self] in self?.expire(id) }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome?, Never>) in
                let settled = state.withLockedValue { state -> Outcome?? in
                    if let outcome = state.outcome { return .some(outcome) }
                    if state.expiredBeforeWaiting.remove(id) != nil { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let settled { continuation.resume(returning: settled) }
            }
        } onCancel: {
            self.expire(id)
        }
    }

    private func expire(_ id: Int) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Outcome?, Never>? in
            if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
            if state.outcome == nil { state.expiredBeforeWaiting.insert(id) }
            return nil
        }
        waiter?.resume(returning: nil)
    }
}
