import StateFiles

extension SyncError {
    /// Phrases what GRDB or SQLite threw while doing `operation` on `path` (`SQLiteFailure` classifies
    /// it); our own errors pass through unchanged.
    init(_ error: any Error, path: String, operation: String, busyTimeoutSeconds: Double) {
        if let own = error as? SyncError {
            self = own
            return
        }
        guard let sqlite = SQLiteFailure(error) else {
            self = .databaseFailed(path: path, operation: operation, reason: String(describing: error))
            return
        }
        switch sqlite.kind {
        case .busy: self = .databaseLocked(path: path, busyTimeoutSeconds: busyTimeoutSeconds)
        case .damaged: self = .malformedFile(path: path, reason: sqlite.reason)
        case .cannotOpen: self = .unreadableFile(path: path, reason: sqlite.reason)
        case .readOnly, .diskFull, .ioError: self = .cannotWrite(path: path, reason: sqlite.reason)
        case .other: self = .databaseFailed(path: path, operation: operation, reason: sqlite.reason)
        }
    }
}
