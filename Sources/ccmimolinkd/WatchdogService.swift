import NIOCore
import NIOPosix
import ServiceLifecycle
import Systemd

/// Sends `WATCHDOG=1` only after a round trip through every NIO event loop, so a wedged loop (a
/// blocking call, a deadlock) stops the pings and systemd restarts the daemon (`WatchdogSec=`).
/// It keeps pinging while streams drain at shutdown: it is the last service to stop.
struct WatchdogService: Service {
    let schedule: WatchdogSchedule
    let notifier: ServiceNotifier
    let group: MultiThreadedEventLoopGroup

    func run() async throws {
        // Task.sleep throws CancellationError when the graceful shutdown reaches this service: a normal end.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for loop in group.makeIterator() {
                    try await loop.submit {}.get()
                }
                notifier.watchdogPing()
                try await Task.sleep(for: schedule.pingInterval)
            }
        }
    }
}
