import CSystemd
import Glibc

/// The listening sockets passed by socket activation (`LISTEN_FDS`, `LISTEN_FDNAMES`, `LISTEN_PID`).
public enum InheritedListeners {
    /// The name given to an AF_UNIX listener when the manager sent no names.
    public static let unixFallbackName = "control"
    /// The name given to any other listener when the manager sent no names.
    public static let networkFallbackName = "http"

    /// Takes the inherited listeners, in fd order (from fd 3). Empty when the process was not activated.
    ///
    /// The activation variables are unset so that child processes do not mistake the fds for theirs; a
    /// second call therefore returns an empty list.
    public static func take() throws(InheritedListenersError) -> [InheritedListener] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(1, &names)
        defer { freeNames(names) }
        guard count >= 0 else { throw .malformedEnvironment(errno: -count) }
        return (0..<count).map { index in
            let fd = SD_LISTEN_FDS_START + index
            let given = names?[Int(index)].map { String(cString: $0) }
            return InheritedListener(fd: fd, name: given.flatMap(usableName) ?? fallbackName(for: fd))
        }
    }

    /// libsystemd reports "unknown" for every fd when `LISTEN_FDNAMES` is absent (e.g. from
    /// `systemd-socket-activate` without `--fdname`).
    private static func usableName(_ name: String) -> String? {
        name.isEmpty || name == "unknown" ? nil : name
    }

    /// ccmimolinkd's only AF_UNIX listener is the control socket; everything else serves HTTP.
    static func fallbackName(for fd: Int32) -> String {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return result == 0 && Int32(address.ss_family) == AF_UNIX ? unixFallbackName : networkFallbackName
    }

    /// The names come back as a NULL-terminated strv allocated by libsystemd: each string and the array
    /// itself are freed.
    private static func freeNames(_ names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) {
        guard let names else { return }
        var index = 0
        while let name = names[index] {
            free(name)
            index += 1
        }
        free(names)
    }
}
