/// A row of cc-switch's `providers` table with `app_type = 'codex'`, read by column name (old
/// databases carry extra legacy columns).
struct ProviderRow: Sendable, Equatable {
    var id: String
    var name: String
    var settingsConfig: String
    var isCurrent: Bool
    var icon: String?
}

/// A row of `provider_endpoints`: an alternate base URL shown in cc-switch's endpoint list.
struct EndpointRow: Sendable, Equatable {
    var id: Int64
    var providerID: String
    var url: String
}

/// Everything a sync reads from cc-switch.db, taken with short autocommit reads.
struct DatabaseSnapshot: Sendable, Equatable {
    var userVersion: Int
    var providers: [ProviderRow]
    var endpoints: [EndpointRow]
    /// Signs in the database that cc-switch's proxy has taken Codex over.
    var takeoverSignals: [String]
}
