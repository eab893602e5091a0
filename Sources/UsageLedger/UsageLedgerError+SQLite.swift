import GRDB

extension UsageLedgerError {
    /// Classifies what GRDB or SQLite threw while doing `operation` on the file at `path`.
    init(_ error: any Error, path: String, operation: String) {
        if let own = error as? UsageLedgerError {
            self = own
            return
        }
        guard let sqlite = error as? DatabaseError else {
            self = .failed(path: path, operation: operation, reason: String(describing: error))
            return
        }
        let reason = "SQLite error \(sqlite.resultCode.rawValue): \(sqlite.message ?? "no message")"
        switch sqlite.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self = .unreadable(path: path, reason: reason)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .locked(path: path, busyTimeoutSeconds: UsageLedger.busyTimeoutSeconds)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            self = .cannotOpen(path: path, reason: reason)
        case .SQLITE_FULL:
            self = .diskFull(path: path)
        default:
            self = .failed(path: path, operation: operation, reason: reason)
        }
    }
}
