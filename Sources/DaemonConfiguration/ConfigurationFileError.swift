/// Why config.toml exists but cannot be used. A missing file is not an error: defaults apply.
public enum ConfigurationFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path names a directory, device or pipe rather than a regular file.
    case notARegularFile(path: String)
    /// open(2) or read(2) failed; `reason` is the system's message (strerror), `code` its errno.
    case unreadable(path: String, reason: String, code: Int32)
    /// TOML must be UTF-8.
    case notUTF8(path: String)

    public var description: String {
        switch self {
        case .notARegularFile(let path):
            "\(path): not a regular file; the config file must be a TOML file (or absent, to use defaults)"
        case .unreadable(let path, let reason, _):
            "\(path): cannot be read (\(reason)); fix its permissions or remove it to use defaults"
        case .notUTF8(let path):
            "\(path): not valid UTF-8, which TOML requires; re-save it as UTF-8"
        }
    }
}
