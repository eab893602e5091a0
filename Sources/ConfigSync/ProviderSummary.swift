/// A cc-switch Codex provider as errors and reports show it: enough to recognise and choose it,
/// never its key.
public struct ProviderSummary: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    public var name: String
    public var isCurrent: Bool
    /// Why it looks like Xiaomi MiMo; empty for providers listed only for reference.
    public var signals: [MimoSignal]

    public var description: String {
        var text = "\"\(name)\" (id \(id)"
        if isCurrent { text += ", current" }
        if !signals.isEmpty { text += "; " + signals.map(\.rawValue).joined(separator: ", ") }
        return text + ")"
    }
}

/// Evidence that a cc-switch provider is Xiaomi MiMo.
public enum MimoSignal: String, Sendable, Equatable, CaseIterable {
    case chosen = "chosen explicitly"
    case remembered = "synced before"
    case name = "name mentions MiMo"
    case icon = "MiMo icon"
    case presetName = "MiMo preset provider name"
    case mimoHost = "base URL on xiaomimimo.com"
    case legacyProviderID = "legacy model_provider xiaomi_mimo"
    case mimoModel = "mimo- model"
    case daemonURL = "base URL is ccmimolinkd"
}
