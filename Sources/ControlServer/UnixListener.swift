import ControlPlane
import Glibc

/// Creates the control socket when systemd did not hand us one, ready for `ControlSocketServer`.
public enum UnixListener {
    /// Creates the parent directory (0700) if missing, removes a stale socket left by a daemon that
    /// died, binds, sets `mode` and listens. Returns the listening fd (close-on-exec).
    public static func bind(path: String, mode: mode_t = 0o600, backlog: Int32 = 128) throws(UnixListenerError) -> Int32 {
        let address: UnixSocketAddress
        do {
            address = try UnixSocketAddress(path: path)
        } catch {
            throw .pathTooLong(error.path, limit: error.limit)
        }
        try createParentDirectory(of: path)
        try removeStaleSocket(at: address)

        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(call: "socket", path: path, errno: errno) }
        // The directory is 0700, so the brief moment before chmod exposes nothing to other users.
        if address.withSockaddr({ Glibc.bind(fd, $0, $1) }) != 0 {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? .inUse(path) : .system(call: "bind", path: path, errno: code)
        }
        if chmod(path, mode) != 0 {
            let code = errno
            close(fd)
            throw .system(call: "chmod", path: path, errno: code)
        }
        if listen(fd, backlog) != 0 {
            let code = errno
            close(fd)
            throw .system(call: "listen", path: path, errno: code)
        }
        return fd
    }

    /// `mkdir -p` with mode 0700 for the components it creates.
    static func createParentDirectory(of path: String) throws(UnixListenerError) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else { return }
        let parent = String(path[..<slash])
        var prefix = ""
        for component in parent.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty && !parent.hasPrefix("/") ? "" : "/") + component
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                throw .system(call: "mkdir", path: prefix, errno: errno)
            }
        }
    }

    /// Deletes `address.path` only if it is a socket nobody answers on.
    static func removeStaleSocket(at address: UnixSocketAddress) throws(UnixListenerError) {
        var info = stat()
        guard lstat(address.path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .system(call: "stat", path: address.path, errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(address.path) }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { throw .system(call: "socket", path: address.path, errno: errno) }
        defer { close(probe) }
        if address.withSockaddr({ connect(probe, $0, $1) }) == 0 { throw .inUse(address.path) }
        let code = errno
        guard code == ECONNREFUSED else { throw .system(call: "connect", path: address.path, errno: code) }
        if unlink(address.path) != 0, errno != ENOENT {
            throw .system(call: "unlink", path: address.path, errno: errno)
        }
    }
}
