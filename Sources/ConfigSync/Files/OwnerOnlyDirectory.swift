import Foundation

/// Our state and backup directories: created 0700 because backups hold API keys. Directories
/// that already exist keep their modes; they may belong to systemd (`StateDirectory=`).
enum OwnerOnlyDirectory {
    static func create(_ path: String) throws(FileFailure) {
        guard !path.isEmpty else { throw FileFailure(path: path, reason: "the path is empty") }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
            prefix += component
            if mkdir(prefix, 0o700) == 0 {
                // mkdir's mode passes through the umask; set it exactly.
                _ = chmod(prefix, 0o700)
            } else if errno != EEXIST {
                throw FileFailure(path: prefix, reason: systemErrorText())
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileFailure(path: path, reason: systemErrorText()) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw FileFailure(path: path, reason: "it exists but is not a directory")
        }
    }
}
