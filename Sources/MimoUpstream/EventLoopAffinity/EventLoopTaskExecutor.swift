import NIOCore

/// Runs a task's jobs on one NIO event loop.
///
/// ccmimolinkd serves each client connection in a task that prefers the loop owning that connection's
/// socket, and `MimoClient` opens the MiMo connection on the same loop (`UpstreamEventLoop`). A request
/// is then read, translated, sent upstream and streamed back without a thread hand-off; each hand-off
/// costs a futex wake-up and a context switch, which is most of the latency a bridge adds on two cores.
public final class EventLoopTaskExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
