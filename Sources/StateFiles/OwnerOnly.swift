#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Directories and files of ccmimolink's state, readable by their owner only: the state holds API
/// keys (backups), conversations (the response store) and what a user spends (the ledger). Paths that
/// already exist keep their modes: they may belong to systemd (`StateDirectory=`) or the user.
public enum OwnerOnly {
    /// `mkdir -p` with mode 0700 for every component it creates.
    public static func createDirectory(_ path: String) throws(FileSystemError) {
        guard !path.isEmpty else { throw FileSystemError(path: path, reason: "the path is empty") }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
            prefix += component
            if mkdir(prefix, 0o700) == 0 {
                // mkdir's mode is masked by the umask; set it exactly.
                _ = chmod(prefix, 0o700)
            } else if errno != EEXIST {
                throw FileSystemError(path: prefix, errno: errno)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystemError(path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw FileSystemError(path: path, reason: "it exists but is not a directory") }
    }

    /// An empty file with mode 0600, unless something exists at `path` already. SQLite would create
    /// its database 0644 and give the -wal and -shm files the mode of the main file.
    public static func createFile(_ path: String) throws(FileSystemError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return }
            throw FileSystemError(path: path, errno: errno)
        }
        _ = fchmod(descriptor, 0o600)
        _ = close(descriptor)
    }
}
