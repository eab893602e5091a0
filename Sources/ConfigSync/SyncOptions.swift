/// How a sync runs.
public struct SyncOptions: Sendable, Equatable {
    public static let defaultPort = 9876

    /// The daemon's base URL as Codex should use it, `http://127.0.0.1:<port>/v1`.
    public var daemonURL: String
    /// Plan and report (with diffs), change nothing: no file, row, backup or state is written.
    public var dryRun: Bool
    /// The cc-switch provider id to use when several look like Xiaomi MiMo (or none does).
    public var providerID: String?
    /// When set, Codex's top-level `model` is set to this MiMo model (`v2.6-pro` or
    /// `mimo-v2.6-pro`). Nil leaves `model` as it is.
    public var model: String?
    /// How long to wait for cc-switch (or anyone) to release cc-switch.db before giving up.
    /// rusqlite, which cc-switch uses, waits 5 s too.
    public var busyTimeoutSeconds: Double
    /// Backups kept per file.
    public var backupsKept: Int

    public init(
        daemonURL: String = SyncOptions.daemonURL(port: SyncOptions.defaultPort), dryRun: Bool = false,
        providerID: String? = nil, model: String? = nil, busyTimeoutSeconds: Double = 5, backupsKept: Int = 10
    ) {
        self.daemonURL = daemonURL
        self.dryRun = dryRun
        self.providerID = providerID
        self.model = model
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.backupsKept = backupsKept
    }

    public static func daemonURL(port: Int, host: String = "127.0.0.1") -> String {
        "http://\(host):\(port)/v1"
    }
}

/// How an undo runs.
public struct UndoOptions: Sendable, Equatable {
    public var dryRun: Bool
    public var busyTimeoutSeconds: Double
    public var backupsKept: Int

    public init(dryRun: Bool = false, busyTimeoutSeconds: Double = 5, backupsKept: Int = 10) {
        self.dryRun = dryRun
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.backupsKept = backupsKept
    }
}
