import DaemonConfiguration
import ProxyServer

/// Whether this daemon exits when idle, and why not when it does not.
enum IdleExit: Sendable {
    case on(IdleExitPolicy, IdleWatch)
    /// Started some other way than by systemd's sockets: nothing would start it again.
    case notSocketActivated
    /// `idle_exit_minutes = 0`.
    case turnedOff

    static func decide(settings: DaemonSettings, socketActivated: Bool, watch: IdleWatch) -> IdleExit {
        guard socketActivated else { return .notSocketActivated }
        guard let after = settings.idleExitAfter else { return .turnedOff }
        return .on(IdleExitPolicy(after: after), watch)
    }
}
