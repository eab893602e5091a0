import GRDB

/// What SQLite said went wrong, classified once for every store (the response store, the usage
/// ledger, cc-switch's database); each phrases the kinds for what its file is for. Only SQLite's own
/// message is kept: GRDB's description may quote statement arguments, which can hold keys or whole
/// conversations.
public struct SQLiteFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Another connection holds a lock (past the busy timeout).
        case busy
        /// Not a database, or a damaged one.
        case damaged
        /// The file cannot be opened (missing directory, permissions).
        case cannotOpen
        /// The file or its directory is read-only.
        case readOnly
        case diskFull
        case ioError
        case other
    }

    public var kind: Kind
    /// `SQLite error 5: database is locked`.
    public var reason: String

    /// Nil for an error that did not come from SQLite.
    public init?(_ error: any Error) {
        guard let sqlite = error as? DatabaseError else { return nil }
        reason = "SQLite error \(sqlite.resultCode.rawValue): \(sqlite.message ?? "no message")"
        switch sqlite.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: kind = .busy
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: kind = .damaged
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: kind = .cannotOpen
        case .SQLITE_READONLY: kind = .readOnly
        case .SQLITE_FULL: kind = .diskFull
        case .SQLITE_IOERR: kind = .ioError
        default: kind = .other
        }
    }

    /// `error` as the caller's own error type: passed through when it is one already, else phrased by
    /// `phrase` from SQLite's classification (nil for an error that did not come from SQLite) and the
    /// text to show (SQLite's message, or the error's description when SQLite did not throw it).
    public static func phrase<Own: Error>(_ error: any Error, as _: Own.Type,
                                          _ phrase: (_ kind: Kind?, _ reason: String) -> Own) -> Own {
        if let own = error as? Own { return own }
        let failure = SQLiteFailure(error)
        return phrase(failure?.kind, failure?.reason ?? String(describing: error))
    }
}
