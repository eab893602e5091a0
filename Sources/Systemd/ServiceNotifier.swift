import CSystemd
import Glibc

/// Tells the service manager about the daemon's state through `sd_notify` (`Type=notify` units).
///
/// Outside systemd there is no `NOTIFY_SOCKET`; every call is then a no-op that returns `false`, so the
/// daemon runs the same code whether or not it is supervised.
public struct ServiceNotifier: Sendable {
    public init() {}

    /// Whether a service manager is listening for notifications (`NOTIFY_SOCKET` is set).
    public var isSupervised: Bool { getenv("NOTIFY_SOCKET") != nil }

    /// Startup (or a reload) finished: `READY=1`, with an optional `STATUS=` line.
    @discardableResult
    public func ready(status: String? = nil) -> Bool {
        send(["READY=1"] + Self.statusLine(status))
    }

    /// A one-line summary that `systemctl status` shows as the service's status text.
    @discardableResult
    public func status(_ text: String) -> Bool {
        send(Self.statusLine(text))
    }

    /// A reload began. systemd 252 needs `MONOTONIC_USEC` to tell this reload from an earlier one; send
    /// `ready(status:)` when it ends.
    @discardableResult
    public func reloading() -> Bool {
        send(["RELOADING=1", "MONOTONIC_USEC=\(MonotonicClock.microseconds())"])
    }

    /// Shutdown began: `STOPPING=1`, with an optional `STATUS=` line.
    @discardableResult
    public func stopping(status: String? = nil) -> Bool {
        send(["STOPPING=1"] + Self.statusLine(status))
    }

    /// Keeps a `WatchdogSec=` unit alive; see `WatchdogSchedule` for how often.
    @discardableResult
    public func watchdogPing() -> Bool {
        send(["WATCHDOG=1"])
    }

    /// Sends the assignments as one datagram. `sd_notify` answers 0 without a socket and a negative errno
    /// when sending fails; neither is worth more than a `false` to a caller that must keep serving.
    private func send(_ assignments: [String]) -> Bool {
        sd_notify(0, assignments.joined(separator: "\n")) > 0
    }

    /// A newline would start a new assignment, so a status keeps only its first line.
    private static func statusLine(_ status: String?) -> [String] {
        guard let status else { return [] }
        let firstLine = status.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return ["STATUS=\(firstLine)"]
    }
}
