/// Why the ledger could not keep its file. None of these stops serving: the daemon logs the
/// sentence and counts in memory (`UsageLedger.problem` says so in `ccmimoctl usage` and `status`).
public enum UsageLedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be created or opened for writing (permissions, read-only disk).
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database, or is damaged.
    case unreadable(path: String, reason: String)
    /// A newer ccmimolink migrated the file; this build leaves it alone.
    case schemaFromNewerVersion(path: String, unknownMigrations: [String])
    /// Another process held the lock past the busy timeout.
    case locked(path: String, busyTimeoutSeconds: Int)
    case diskFull(path: String)
    /// Any other SQLite failure, with what the ledger was doing.
    case failed(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the usage ledger \(path): \(reason). Check that it and its directory are writable by "
                + "the user running ccmimolinkd; until then usage is counted in memory only."
        case .unreadable(let path, let reason):
            "the usage ledger \(path) is not a readable SQLite database (\(reason))."
        case .schemaFromNewerVersion(let path, let unknownMigrations):
            "the usage ledger \(path) was written by a newer ccmimolink (unknown migrations: "
                + "\(unknownMigrations.joined(separator: ", "))); it is left as it is and usage is counted in memory "
                + "only. Upgrade ccmimolink to keep adding to it."
        case .locked(let path, let busyTimeoutSeconds):
            "the usage ledger \(path) stayed locked for more than \(busyTimeoutSeconds) s. Another process is "
                + "using it (a second ccmimolinkd, a sqlite3 shell); the counts are kept and written once it is free."
        case .diskFull(let path):
            "no space left to write the usage ledger \(path); the counts are kept in memory and written once "
                + "there is space. Free disk space."
        case .failed(let path, let operation, let reason):
            "usage ledger \(path): \(operation) failed: \(reason)"
        }
    }

    /// The file itself is bad: move it aside and start a new one.
    var isDamage: Bool {
        if case .unreadable = self { return true }
        return false
    }
}
