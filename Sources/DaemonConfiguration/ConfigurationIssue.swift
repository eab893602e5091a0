/// One problem found while resolving settings, phrased so the user knows what to change and where.
/// Errors stop the daemon from starting; warnings are logged and ignored.
public struct ConfigurationIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable {
        case warning
        case error
    }

    /// A position in the config file, 1-based, as TOMLKit reports it.
    public struct Position: Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    public var severity: Severity
    /// Where the offending text was written: the file, the environment variable or the flag.
    /// `.defaultValue` means nothing was written and a default could not be derived.
    public var origin: SettingSource
    /// The TOML key, environment variable or flag name the user must look at.
    public var key: String
    /// What is wrong and how to fix it; never contains a secret.
    public var reason: String
    /// Set only for TOML syntax errors: TOMLKit locates those but not individual keys.
    public var position: Position?

    public init(
        _ severity: Severity, origin: SettingSource, key: String, reason: String, position: Position? = nil
    ) {
        self.severity = severity
        self.origin = origin
        self.key = key
        self.reason = reason
        self.position = position
    }

    /// The config file the issue is in, if it is in one.
    public var file: String? {
        if case .file(let path) = origin { path } else { nil }
    }

    public var description: String {
        switch origin {
        case .file(let path):
            if let position {
                "\(path):\(position.line):\(position.column): \(reason)"
            } else {
                "\(path): key '\(key)': \(reason)"
            }
        case .environment(let name): "environment variable \(name): \(reason)"
        case .flag(let name): "flag \(name): \(reason)"
        case .defaultValue: "setting '\(key)': \(reason)"
        }
    }
}
