import MimoUpstream
import NIOCore
import NIOPosix

/// The eventual result of opening MiMo's stream. The handler waits for it briefly, so that errors
/// MiMo gives at once become real HTTP statuses (a 429 with Retry-After, a readable 401); the
/// stream body waits for it without a deadline while sending keepalives.
actor UpstreamOpening {
    typealias Outcome = Result<UpstreamChunks, UpstreamCallFailure>

    private var outcome: Outcome?
    private var waiters: [Int: CheckedContinuation<Outcome?, Never>] = [:]
    private var expiredBeforeWaiting: Set<Int> = []
    private var nextID = 0

    func resolve(_ result: Outcome) {
        guard outcome == nil else { return }
        outcome = result
        for waiter in waiters.values { waiter.resume(returning: result) }
        waiters = [:]
    }

    /// The outcome, or nil when `timeout` passes first or the waiting task is cancelled.
    func wait(timeout: Duration?) async -> Outcome? {
        if let outcome { return outcome }
        let id = nextID
        nextID += 1
        // A timer on the connection's event loop rather than a sleeping task: a request that MiMo
        // answers in time (nearly all) then costs no task and no wake-up of Swift's timer thread.
        let affinity = ConnectionAffinity.executor
        let loop = affinity?.eventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        let timer = timeout.map { delay in
            loop.scheduleTask(in: TimeAmount(delay)) { [weak self] in
                Task(executorPreference: affinity) { await self?.expire(id) }
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome?, Never>) in
                if let outcome {
                    continuation.resume(returning: outcome)
                } else if expiredBeforeWaiting.remove(id) != nil {
                    continuation.resume(returning: nil)
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.expire(id) }
        }
    }

    private func expire(_ id: Int) {
        if let waiter = waiters.removeValue(forKey: id) {
            waiter.resume(returning: nil)
        } else if outcome == nil {
            expiredBeforeWaiting.insert(id)
        }
    }
}
