import Foundation

/// Which day it is for the ledger: the current instant and the user's time zone, injected so tests
/// can cross midnight (and a daylight-saving change) without waiting for one.
public struct UsageClock: Sendable {
    public var now: @Sendable () -> Date
    public var timeZone: TimeZone

    public init(timeZone: TimeZone, now: @escaping @Sendable () -> Date) {
        self.now = now
        self.timeZone = timeZone
    }

    /// The system's clock and time zone (`TZ`, else /etc/localtime), read once at start.
    public static var system: UsageClock { UsageClock(timeZone: .current) { Date() } }

    public func today() -> LocalDay { LocalDay(now(), in: timeZone) }
}
