/// Why the response store could not do what was asked, with what the user can do about it.
/// `description` is the sentence to log or print.
public enum ResponseStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The limits passed to `ResponseStore.init` cannot work.
    case invalidLimits(reason: String)
    /// The state directory is missing and could not be created, or is not a directory.
    case cannotCreateDirectory(path: String, reason: String)
    /// The SQLite file could not be created or opened for writing (permissions, read-only disk).
    case cannotOpenDatabase(path: String, reason: String)
    /// The file is not an SQLite database, or is damaged. It is left untouched.
    case databaseUnreadable(path: String, reason: String)
    /// The file was migrated by a newer ccmimolink whose schema this build does not know.
    case schemaFromNewerVersion(path: String, unknownMigrations: [String])
    /// Another connection (a second daemon, a `sqlite3` shell) held the lock past the busy timeout.
    case databaseLocked(path: String, busyTimeoutSeconds: Int)
    /// The disk (or its quota) is full.
    case diskFull(path: String)
    /// One response is bigger than the whole store may hold, so it was not stored.
    case tooLarge(id: String, bytes: Int, limit: Int)
    /// A stored row does not decode, which means the file was changed outside ccmimolink.
    case corruptRecord(id: String, path: String, reason: String)
    /// Any other SQLite failure, with what the store was doing at the time.
    case databaseFailed(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .invalidLimits(let reason):
            "invalid response store limits: \(reason)"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the response store directory \(path): \(reason). Create it (mode 0700) "
                + "or point STATE_DIRECTORY / XDG_STATE_HOME at a directory this user can write."
        case .cannotOpenDatabase(let path, let reason):
            "cannot open the response store \(path): \(reason). Check that the file and its directory "
                + "are readable and writable by the user running ccmimolinkd."
        case .databaseUnreadable(let path, let reason):
            "the response store \(path) is not a readable SQLite database (\(reason)); it was left as it is. "
                + "Move it aside (`mv \(path) \(path).broken`) or run `ccmimoctl drain`; "
                + "an empty store is created on the next start."
        case .schemaFromNewerVersion(let path, let unknownMigrations):
            "the response store \(path) was written by a newer ccmimolink (unknown migrations: "
                + "\(unknownMigrations.joined(separator: ", "))). Upgrade ccmimolink, or move the file aside "
                + "to start with an empty store."
        case .databaseLocked(let path, let busyTimeoutSeconds):
            "the response store \(path) stayed locked for more than \(busyTimeoutSeconds) s. Another process "
                + "is using it (a second ccmimolinkd, a sqlite3 shell); stop it and retry."
        case .diskFull(let path):
            "no space left to write the response store \(path). Free disk space, or lower the store's "
                + "byte limit and run `ccmimoctl drain`."
        case .tooLarge(let id, let bytes, let limit):
            "response \(id) is \(bytes) bytes, more than the response store's whole limit of \(limit) bytes, "
                + "so it was not stored. Raise the store's byte limit to keep responses this large."
        case .corruptRecord(let id, let path, let reason):
            "stored response \(id) in \(path) cannot be decoded (\(reason)); the file was changed outside "
                + "ccmimolink. Run `ccmimoctl drain` to clear the store."
        case .databaseFailed(let path, let operation, let reason):
            "response store \(path): \(operation) failed: \(reason)"
        }
    }
}
