/// Everything a plan is made from, read in one go: cc-switch's settings and rows, Codex's files,
/// and ccmimolink's own record. Planning is a pure function of this.
struct SyncSnapshot: Sendable {
    var paths: SyncPaths
    var settings: CCSwitchSettings
    var codexDirectory: String
    var database: DatabaseSnapshot
    /// nil when the file does not exist.
    var codexConfig: [UInt8]?
    var codexAuth: [UInt8]?
    var records: [SyncRecord]

    var configPath: String { codexDirectory + "/config.toml" }
    var authPath: String { codexDirectory + "/auth.json" }
}
