/// Where an effective value came from, so `--print-config` can answer "why is it this?".
public enum SettingSource: Sendable, Equatable, CustomStringConvertible {
    case defaultValue
    case file(path: String)
    /// `name` is the variable, e.g. `MIMO_PROXY_PORT`.
    case environment(name: String)
    /// `name` is the flag as typed, with its dashes, e.g. `--port`.
    case flag(name: String)

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .file(let path): "file \(path)"
        case .environment(let name): "environment \(name)"
        case .flag(let name): "flag \(name)"
        }
    }
}
