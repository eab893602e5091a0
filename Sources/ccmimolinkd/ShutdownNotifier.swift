import ServiceLifecycle
import Systemd

/// Sends `STOPPING=1` as soon as SIGTERM (or the idle exit) starts the graceful shutdown, before
/// streams drain, so `systemctl status` says what is happening while in-flight responses finish.
struct ShutdownNotifier: Service {
    let notifier: ServiceNotifier
    let idleExit: IdleExitAnnouncement
    let inFlight: @Sendable () async -> Int

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled without a graceful shutdown: nothing to announce
        }
        if let idle = idleExit.status {
            notifier.stopping(status: idle)
            return
        }
        let streams = await inFlight()
        notifier.stopping(status: streams == 0 ? "stopping" : "stopping: letting \(streams) response(s) finish")
    }
}
