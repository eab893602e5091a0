import ResponsesTranslation
/// What ccmimolink remembers about one provider it routed through the daemon: enough to send
/// traffic to the real upstream and to put every value it changed back. Never holds a key.
struct SyncRecord: Sendable, Equatable {
    var providerID: String
    var providerName: String
    /// The `model_provider` id in the provider's TOML (`custom` for cc-switch's presets).
    var tomlProviderID: String?
    var upstreamBaseURL: String
    /// The upstream exactly as the row held it: the TOML literal with its quotes, as escaped in
    /// `settings_config`'s JSON. An undo puts these bytes back.
    var upstreamRowText: String
    var upstreamPlan: MimoPlan?
    var localBaseURL: String
    var databasePath: String
    var codexDirectory: String
    var userVersionSeen: Int
    var syncedAt: String
    var endpoints: [EndpointRecord]
    var codexEntries: [CodexEntryRecord]

    /// A `provider_endpoints` row whose url was the upstream.
    struct EndpointRecord: Sendable, Equatable {
        var endpointID: Int64
        var originalURL: String
    }

    /// A config.toml value ccmimolink set: what was there (nil: the key was absent) and what it wrote.
    struct CodexEntryRecord: Sendable, Equatable {
        var path: [String]
        var originalLiteral: String?
        var writtenLiteral: String
    }

    var upstream: RememberedUpstream {
        RememberedUpstream(providerID: providerID, providerName: providerName, baseURL: upstreamBaseURL, plan: upstreamPlan)
    }
}
