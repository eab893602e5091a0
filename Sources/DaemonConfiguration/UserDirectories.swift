/// The per-user directories defaults are derived from, read from the environment the caller
/// passed (never the process's own), following the XDG base directory rules: an unset, empty or
/// relative XDG variable is ignored.
struct UserDirectories {
    var home: String?
    var configHome: String?
    var stateHome: String?
    var runtimeDirectory: String?

    init(environment: [String: String]) {
        func absolute(_ name: String) -> String? {
            guard let value = environment[name], value.hasPrefix("/") else { return nil }
            return value
        }
        home = absolute("HOME")
        configHome = absolute("XDG_CONFIG_HOME") ?? home.map { $0.appendingPathComponents(".config") }
        stateHome = absolute("XDG_STATE_HOME") ?? home.map { $0.appendingPathComponents(".local/state") }
        runtimeDirectory = absolute("XDG_RUNTIME_DIR")
    }

    /// `~` and `~/…` with the home directory; nil when that needs HOME and it is not set.
    func expandingTilde(_ path: String) -> String? {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        guard let home else { return nil }
        return home.appendingPathComponents(String(path.dropFirst(2)))
    }
}

extension String {
    /// Joins with exactly one `/`, so a HOME of `/` gives `/.config`, not `//.config`.
    func appendingPathComponents(_ components: String) -> String {
        var base = self
        while base.hasSuffix("/") { base.removeLast() }
        return components.isEmpty ? (base.isEmpty ? "/" : base) : "\(base)/\(components)"
    }
}
