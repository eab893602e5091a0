/// `reload`: which settings took effect, which wait for a restart, and the sync that reload ran.
public struct ReloadResult: Codable, Sendable, Equatable {
    /// Settings now in effect, e.g. "model: mimo-v2.5 → mimo-v2.5-pro".
    public var applied: [String]
    /// Settings that changed in the configuration but only apply after a restart (listen address, …).
    public var needsRestart: [String]
    /// Nil when reload did not sync (e.g. sync is disabled).
    public var sync: SyncResult?
    public var warnings: [String]

    public init(applied: [String] = [], needsRestart: [String] = [], sync: SyncResult? = nil, warnings: [String] = []) {
        self.applied = applied
        self.needsRestart = needsRestart
        self.sync = sync
        self.warnings = warnings
    }
}
