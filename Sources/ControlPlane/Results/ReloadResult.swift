import ResponsesTranslation

/// `reload`: which settings took effect, which wait for a restart, and the sync that reload ran.
public struct ReloadResult: ControlResultPayload {
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

    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("applied", applied)
        w.set("needs_restart", needsRestart)
        w.set("sync", sync)
        w.set("warnings", warnings)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "reload")
        self.init(applied: try r.strings("applied"), needsRestart: try r.strings("needs_restart"),
                  sync: try r.optionalPayload("sync"), warnings: try r.strings("warnings"))
    }
}
