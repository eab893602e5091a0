import StateFiles

extension ResponseStoreError {
    /// Phrases what GRDB or SQLite threw while doing `operation` on the file at `path` (`SQLiteFailure`
    /// classifies it; GRDB's own description could carry whole conversations). Our own errors pass
    /// through unchanged.
    init(_ error: any Error, path: String, operation: String) {
        self = SQLiteFailure.phrase(error, as: ResponseStoreError.self) { kind, reason in
            switch kind {
            case .damaged: .databaseUnreadable(path: path, reason: reason)
            case .busy: .databaseLocked(path: path, busyTimeoutSeconds: ResponseStore.busyTimeoutSeconds)
            case .cannotOpen, .readOnly: .cannotOpenDatabase(path: path, reason: reason)
            case .diskFull: .diskFull(path: path)
            case .ioError, .other, nil: .databaseFailed(path: path, operation: operation, reason: reason)
            }
        }
    }
}
