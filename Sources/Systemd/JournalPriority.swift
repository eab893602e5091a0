import Logging

/// syslog priorities (`PRIORITY=`) for swift-log levels; swift-log has no `emerg` or `alert`.
public enum JournalPriority {
    public static func of(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
