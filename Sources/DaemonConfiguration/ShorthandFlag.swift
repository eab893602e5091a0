/// Flags that set a value without naming a setting.
enum ShorthandFlag {
    /// `--v2.5-pro`: the one model switch people type often enough to deserve its own flag.
    static let proModel = "v2.5-pro"
    static let proModelName = "mimo-v2.5-pro"
}
