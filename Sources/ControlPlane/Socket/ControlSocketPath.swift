import Glibc

/// Where the control socket lives. The daemon and `ccmimoctl` both ask this one function, so they
/// cannot disagree.
public enum ControlSocketPath {
    public static let environmentVariable = "CCMIMOLINK_CONTROL_SOCKET"

    /// An explicit path (`--socket`), else `$CCMIMOLINK_CONTROL_SOCKET`, else
    /// `$XDG_RUNTIME_DIR/ccmimolink/control.sock` (where the systemd socket unit puts it, `%t`), else
    /// `/run/user/<uid>/ccmimolink/control.sock`. Empty values count as unset.
    public static func resolve(explicit: String?, environment: [String: String], uid: uid_t = getuid()) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return trimmingTrailingSlashes(runtime) + "/ccmimolink/control.sock"
        }
        return "/run/user/\(uid)/ccmimolink/control.sock"
    }

    /// The process environment as a dictionary, for callers without Foundation.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                let key = String(text[..<equals])
                if result[key] == nil { result[key] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return result
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.last == "/" { path = path.dropLast() }
        return String(path)
    }
}
