import NIOCore

/// Runs a task's jobs on one NIO event loop.
///
/// ccmimolinkd serves each client connection in a task that prefers the loop owning that connection's
/// socket, and `MimoClient` has MiMo's answer delivered on the same loop. A request is then read,
/// translated, sent upstream and streamed back with no thread hand-off per step or per chunk; on this
/// kind of machine (a small VM) each hand-off costs a futex or eventfd wake-up and a context switch,
/// which was most of the latency the bridge added (docs/PERFORMANCE.md).
public final class EventLoopTaskExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // From the loop itself this queues without waking anything; the job runs later in this tick.
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
