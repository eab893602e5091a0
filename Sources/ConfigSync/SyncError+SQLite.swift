import StateFiles

extension SyncError {
    /// Phrases what GRDB or SQLite threw while doing `operation` on `path` (`SQLiteFailure` classifies
    /// it); our own errors pass through unchanged.
    init(_ error: any Error, path: String, operation: String, busyTimeoutSeconds: Double) {
        self = SQLiteFailure.phrase(error, as: SyncError.self) { kind, reason in
            switch kind {
            case .busy: .databaseLocked(path: path, busyTimeoutSeconds: busyTimeoutSeconds)
            case .damaged: .malformedFile(path: path, reason: reason)
            case .cannotOpen: .unreadableFile(path: path, reason: reason)
            case .readOnly, .diskFull, .ioError: .cannotWrite(path: path, reason: reason)
            case .other, nil: .databaseFailed(path: path, operation: operation, reason: reason)
            }
        }
    }
}
