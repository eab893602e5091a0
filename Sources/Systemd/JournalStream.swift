import Glibc

/// Whether a descriptor is systemd's stream to journald (`JOURNAL_STREAM=<dev>:<ino>`, systemd.exec(5)).
///
/// The variable alone is not enough: it is inherited by children whose stderr may have been redirected,
/// so it only counts when it names the very file the descriptor refers to.
public enum JournalStream {
    /// True when `JOURNAL_STREAM` names stderr, i.e. native journal entries would reach the same journal.
    public static func isConnectedToStandardError(environment: [String: String] = currentEnvironment()) -> Bool {
        isConnected(fileDescriptor: STDERR_FILENO, environment: environment)
    }

    /// True when `JOURNAL_STREAM` matches `fstat(fileDescriptor)`'s device and inode.
    public static func isConnected(fileDescriptor: Int32, environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// The process's `JOURNAL_STREAM`, the only variable this check reads.
    public static func currentEnvironment() -> [String: String] {
        guard let value = getenv("JOURNAL_STREAM") else { return [:] }
        return ["JOURNAL_STREAM": String(cString: value)]
    }
}
