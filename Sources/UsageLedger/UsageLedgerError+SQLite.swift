import StateFiles

extension UsageLedgerError {
    /// Phrases what GRDB or SQLite threw while doing `operation` on the file at `path`
    /// (`SQLiteFailure` classifies it). Our own errors pass through unchanged.
    init(_ error: any Error, path: String, operation: String) {
        if let own = error as? UsageLedgerError {
            self = own
            return
        }
        guard let sqlite = SQLiteFailure(error) else {
            self = .failed(path: path, operation: operation, reason: String(describing: error))
            return
        }
        switch sqlite.kind {
        case .damaged: self = .unreadable(path: path, reason: sqlite.reason)
        case .busy: self = .locked(path: path, busyTimeoutSeconds: UsageLedger.busyTimeoutSeconds)
        case .cannotOpen, .readOnly: self = .cannotOpen(path: path, reason: sqlite.reason)
        case .diskFull: self = .diskFull(path: path)
        case .ioError, .other: self = .failed(path: path, operation: operation, reason: sqlite.reason)
        }
    }
}
