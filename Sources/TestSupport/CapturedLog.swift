import Logging
import NIOConcurrencyHelpers

/// A logger that keeps every line, `message key=value …` with the metadata sorted, for tests that check
/// what was logged (and that no key was).
public final class CapturedLog: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    public init() {}

    public var messages: [String] { lines.withLockedValue { $0 } }

    public var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            log.lines.withLockedValue { $0.append(([event.message.description] + fields).joined(separator: " ")) }
        }
    }
}
