import CSystemd

/// How often to send `WATCHDOG=1` when the unit has `WatchdogSec=`.
public struct WatchdogSchedule: Sendable, Equatable {
    /// Half the watchdog timeout, as sd_watchdog_enabled(3) recommends, so one late ping is not fatal.
    public let pingInterval: Duration

    /// The schedule for a watchdog timeout in microseconds, or nil when there is no timeout.
    public init?(timeoutMicroseconds: UInt64) {
        guard timeoutMicroseconds > 0 else { return nil }
        pingInterval = .microseconds(Int64(clamping: timeoutMicroseconds / 2))
    }

    /// The schedule systemd asked this process for (`WATCHDOG_USEC`, and `WATCHDOG_PID` if set, must be
    /// ours), or nil when the watchdog is off or the variables are malformed.
    public static func current() -> WatchdogSchedule? {
        var timeout: UInt64 = 0
        guard sd_watchdog_enabled(0, &timeout) > 0 else { return nil }
        return WatchdogSchedule(timeoutMicroseconds: timeout)
    }
}
