/// The least severe log level that is emitted. The names are swift-log's, so the daemon maps them
/// one to one.
public enum LogLevel: String, Sendable, Equatable, CaseIterable {
    case trace
    case debug
    case info
    case notice
    case warning
    case error
    case critical
}
