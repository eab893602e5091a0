import Logging

/// A swift-log handler that writes native journald entries with structured fields, so that
/// `journalctl RESPONSE_ID=resp_…` finds every line about one response.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// `SYSLOG_IDENTIFIER`, e.g. "ccmimolinkd".
    public let identifier: String
    public let valueByteLimit: Int
    /// Hands one entry to journald; false when journald did not take it. Replaceable for tests.
    let send: @Sendable ([(String, String)]) -> Bool

    public init(
        identifier: String,
        metadataProvider: Logger.MetadataProvider? = nil,
        valueByteLimit: Int = JournalFields.defaultValueByteLimit
    ) {
        self.init(identifier: identifier, metadataProvider: metadataProvider, valueByteLimit: valueByteLimit,
                  send: JournalEntryWriter.send)
    }

    init(identifier: String, metadataProvider: Logger.MetadataProvider? = nil, valueByteLimit: Int,
         send: @escaping @Sendable ([(String, String)]) -> Bool) {
        self.identifier = identifier
        self.metadataProvider = metadataProvider
        self.valueByteLimit = valueByteLimit
        self.send = send
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Precedence: provider (task-local context) < handler < the log statement itself.
        var merged = metadataProvider?.get() ?? [:]
        merged.merge(metadata) { _, handler in handler }
        if let explicit = event.metadata { merged.merge(explicit) { _, statement in statement } }
        let fields = JournalFields.make(
            level: event.level, message: event.message, metadata: merged, source: event.source,
            file: event.file, function: event.function, line: event.line, identifier: identifier,
            valueByteLimit: valueByteLimit)
        // A lost log line must not take the daemon down; journald being away is not the caller's problem.
        _ = send(fields)
    }
}
