import StateFiles

extension UsageLedgerError {
    /// Phrases what GRDB or SQLite threw while doing `operation` on the file at `path`
    /// (`SQLiteFailure` classifies it). Our own errors pass through unchanged.
    init(_ error: any Error, path: String, operation: String) {
        self = SQLiteFailure.phrase(error, as: UsageLedgerError.self) { kind, reason in
            switch kind {
            case .damaged: .unreadable(path: path, reason: reason)
            case .busy: .locked(path: path, busyTimeoutSeconds: UsageLedger.busyTimeoutSeconds)
            case .cannotOpen, .readOnly: .cannotOpen(path: path, reason: reason)
            case .diskFull: .diskFull(path: path)
            case .ioError, .other, nil: .failed(path: path, operation: operation, reason: reason)
            }
        }
    }
}
