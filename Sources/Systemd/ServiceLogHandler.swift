import Logging

/// Chooses the daemon's log handler: native journald entries when stderr goes to the journal, otherwise
/// swift-log's readable stderr lines (a terminal, a file, or a supervisor that is not systemd).
public enum ServiceLogHandler {
    public static func make(
        label: String,
        identifier: String,
        environment: [String: String] = JournalStream.currentEnvironment()
    ) -> any LogHandler {
        if JournalStream.isConnectedToStandardError(environment: environment) {
            return JournalLogHandler(identifier: identifier)
        }
        return StreamLogHandler.standardError(label: label)
    }
}
