import Logging
import MimoUpstream
import NIOConcurrencyHelpers
import ProxyServer
import ServiceLifecycle

/// Ends the daemon when `IdleExitPolicy` says it has been idle long enough, but only when systemd
/// started it through its sockets: they stay with systemd, so the next connection starts a fresh
/// daemon, and nothing waits for one in between. Returning makes the service group shut down
/// gracefully (exit status 0, which `Restart=on-failure` leaves alone).
struct IdleExitService: Service {
    let policy: IdleExitPolicy
    let watch: IdleWatch
    /// Read by `ShutdownNotifier`, which says why the daemon stops.
    let announcement: IdleExitAnnouncement
    let logger: Logger

    func run() async throws {
        // Cancelled by a graceful shutdown that began elsewhere (SIGTERM): a normal end.
        try? await cancelWhenGracefulShutdown {
            while true {
                switch policy.verdict(watch.observe()) {
                case .exit:
                    let minutes = Self.minutes(policy.after)
                    logger.notice("idle for \(minutes); exiting, the sockets stay with systemd and the next connection starts the daemon again")
                    announcement.set("idle for \(minutes): exiting; the next connection starts it again")
                    return
                case .wait(let delay, _):
                    try await Task.sleep(for: max(delay, .milliseconds(50)))
                }
            }
        }
    }

    static func minutes(_ duration: Duration) -> String {
        let seconds = duration.inSeconds
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return seconds.rounded() == seconds ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

/// What the idle exit looks at, gathered in one place: the proxy's activity, the control clients and
/// the admission gate's 429 backoff window.
struct IdleWatch: Sendable {
    let activity: ProxyActivity
    let controlClients: ControlClients
    let admission: AdmissionGate

    func observe() -> IdleExitPolicy.Observation {
        IdleExitPolicy.Observation(now: .now, lastActivity: max(activity.lastActivity, controlClients.lastActivity),
                                   inFlight: activity.inFlight, openConnections: activity.openConnections,
                                   controlClients: controlClients.open, backoffRemaining: admission.snapshot.backoffRemaining)
    }
}

/// Why the daemon is stopping, when the idle exit decided it.
final class IdleExitAnnouncement: Sendable {
    private let text = NIOLockedValueBox<String?>(nil)

    func set(_ status: String) { text.withLockedValue { $0 = status } }
    var status: String? { text.withLockedValue { $0 } }
}
