import GRDB

extension ResponseStoreError {
    /// Classifies an error thrown by GRDB or SQLite while doing `operation` on the file at `path`.
    /// Our own errors pass through unchanged.
    init(_ error: any Error, path: String, operation: String) {
        if let own = error as? ResponseStoreError {
            self = own
            return
        }
        guard let sqlite = error as? DatabaseError else {
            self = .databaseFailed(path: path, operation: operation, reason: String(describing: error))
            return
        }
        // The message only: GRDB's full description can carry the statement and, if enabled,
        // its arguments, which here would be whole conversations.
        let reason = "SQLite error \(sqlite.resultCode.rawValue): \(sqlite.message ?? "no message")"
        switch sqlite.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self = .databaseUnreadable(path: path, reason: reason)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .databaseLocked(path: path, busyTimeoutSeconds: ResponseStore.busyTimeoutSeconds)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            self = .cannotOpenDatabase(path: path, reason: reason)
        case .SQLITE_FULL:
            self = .diskFull(path: path)
        default:
            self = .databaseFailed(path: path, operation: operation, reason: reason)
        }
    }
}
