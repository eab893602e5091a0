/// One change a plan makes, with the whole before and after of what it touches, so the executor
/// can check nothing moved underneath and the report can show a diff.
enum Change: Sendable, Equatable {
    /// A provider row's `settings_config`; `configBefore`/`configAfter` are the TOML inside it.
    case providerRoute(providerID: String, before: String, after: String, configBefore: String, configAfter: String)
    /// A `provider_endpoints` row's `url`.
    case endpointURL(providerID: String, endpointID: Int64, before: String, after: String)
    /// Codex's config.toml; `before` is nil when the file did not exist.
    case codexConfig(path: String, before: [UInt8]?, after: String)
    /// Codex's auth.json; `before` is nil when the file did not exist.
    case codexAuth(path: String, before: [UInt8]?, after: String)

    /// What the change touches; `database` is cc-switch.db's path.
    func target(database: String) -> SyncTarget {
        switch self {
        case .providerRoute(let providerID, _, _, _, _): .providerConfig(database: database, providerID: providerID)
        case .endpointURL(_, let endpointID, _, _): .providerEndpoint(database: database, endpointID: endpointID)
        case .codexConfig(let path, _, _): .codexConfig(path: path)
        case .codexAuth(let path, _, _): .codexAuth(path: path)
        }
    }

    var isDatabaseChange: Bool {
        switch self {
        case .providerRoute, .endpointURL: true
        case .codexConfig, .codexAuth: false
        }
    }
}

/// Everything a sync or undo will do, decided before anything is written.
struct SyncPlan: Sendable {
    var changes: [Change]
    var provider: ProviderSummary?
    var upstream: RememberedUpstream?
    /// How cc-switch arranged Codex's files; nil for an undo, which restores whatever was changed.
    var layout: CodexLayout?
    /// Saved (inside the database transaction when there is one) before any change is made.
    var recordToSave: SyncRecord?
    /// Marked inactive after an undo's changes are made.
    var providersToRetire: [String] = []
    /// Targets looked at and left as they are, with the reason when it matters.
    var unchangedItems: [SyncItem]
    var notes: [String]
    /// Values to hide in diffs.
    var secrets: [String]

    /// The secrets to hide in what people read: cc-switch's proxy placeholder is not one.
    var redactedSecrets: [String] { secrets.filter { $0 != TakeoverSignals.placeholderKey } }
}
