import StateFiles

extension ResponseStoreError {
    /// Phrases what GRDB or SQLite threw while doing `operation` on the file at `path` (`SQLiteFailure`
    /// classifies it; GRDB's own description could carry whole conversations). Our own errors pass
    /// through unchanged.
    init(_ error: any Error, path: String, operation: String) {
        if let own = error as? ResponseStoreError {
            self = own
            return
        }
        guard let sqlite = SQLiteFailure(error) else {
            self = .databaseFailed(path: path, operation: operation, reason: String(describing: error))
            return
        }
        switch sqlite.kind {
        case .damaged: self = .databaseUnreadable(path: path, reason: sqlite.reason)
        case .busy: self = .databaseLocked(path: path, busyTimeoutSeconds: ResponseStore.busyTimeoutSeconds)
        case .cannotOpen, .readOnly: self = .cannotOpenDatabase(path: path, reason: sqlite.reason)
        case .diskFull: self = .diskFull(path: path)
        case .ioError, .other: self = .databaseFailed(path: path, operation: operation, reason: sqlite.reason)
        }
    }
}
