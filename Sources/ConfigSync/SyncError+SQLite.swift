import GRDB

extension SyncError {
    /// Classifies what GRDB or SQLite threw while doing `operation` on `path`; our own errors pass
    /// through unchanged. Only SQLite's message is kept: GRDB's description may quote statement
    /// arguments, which here can be whole provider configs with keys.
    init(_ error: any Error, path: String, operation: String, busyTimeoutSeconds: Double) {
        if let own = error as? SyncError {
            self = own
            return
        }
        guard let sqlite = error as? DatabaseError else {
            self = .databaseFailed(path: path, operation: operation, reason: String(describing: error))
            return
        }
        let reason = "SQLite error \(sqlite.resultCode.rawValue): \(sqlite.message ?? "no message")"
        switch sqlite.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .databaseLocked(path: path, busyTimeoutSeconds: busyTimeoutSeconds)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self = .malformedFile(path: path, reason: reason)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            self = .unreadableFile(path: path, reason: reason)
        case .SQLITE_READONLY, .SQLITE_FULL, .SQLITE_IOERR:
            self = .cannotWrite(path: path, reason: reason)
        default:
            self = .databaseFailed(path: path, operation: operation, reason: reason)
        }
    }
}
