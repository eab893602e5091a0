#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Creates the store's directory and file readable by their owner only: stored conversations can
/// hold anything the user typed or the tools printed. Existing paths keep their modes, so a
/// directory the caller already owns (even a shared one) is never changed under them.
enum OwnerOnlyPaths {
    /// `mkdir -p` with mode 0700 for every component it creates.
    static func createDirectory(_ path: String) throws(ResponseStoreError) {
        guard !path.isEmpty else { throw .cannotCreateDirectory(path: path, reason: "the path is empty") }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
            prefix += component
            if mkdir(prefix, 0o700) == 0 {
                // mkdir's mode is masked by the umask; set it exactly.
                _ = chmod(prefix, 0o700)
            } else if errno != EEXIST {
                throw .cannotCreateDirectory(path: prefix, reason: lastErrorText())
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotCreateDirectory(path: path, reason: lastErrorText()) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotCreateDirectory(path: path, reason: "it exists but is not a directory")
        }
    }

    /// Creates an empty file with mode 0600 unless something already exists at `path`. SQLite
    /// would create it 0644, and gives its -wal and -shm files the mode of the main file.
    static func createFile(_ path: String) throws(ResponseStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return }
            throw .cannotOpenDatabase(path: path, reason: lastErrorText())
        }
        _ = fchmod(descriptor, 0o600)
        _ = close(descriptor)
    }

    private static func lastErrorText() -> String {
        let code = errno
        return "\(String(cString: strerror(code))) (errno \(code))"
    }
}
