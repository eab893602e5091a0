import ResponsesTranslation

/// `health`: each check the daemon ran, and whether all of them passed.
public struct HealthReport: ControlResultPayload {
    public var healthy: Bool
    public var checks: [Check]

    public struct Check: ControlResultPayload {
        /// Short and stable, e.g. "listeners", "store", "upstream".
        public var name: String
        public var ok: Bool
        /// What was seen, or what to fix when the check failed.
        public var detail: String

        public init(name: String, ok: Bool, detail: String) {
            self.name = name
            self.ok = ok
            self.detail = detail
        }

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("name", name)
            w.set("ok", ok)
            w.set("detail", detail)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "health.checks[]")
            self.init(name: try r.string("name"), ok: try r.bool("ok"), detail: try r.optionalString("detail") ?? "")
        }
    }

    public init(healthy: Bool, checks: [Check]) {
        self.healthy = healthy
        self.checks = checks
    }

    /// Healthy exactly when every check passed.
    public init(checks: [Check]) {
        self.init(healthy: checks.allSatisfy(\.ok), checks: checks)
    }

    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("healthy", healthy)
        w.set("checks", checks)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "health")
        self.init(healthy: try r.bool("healthy"), checks: try r.payloads("checks"))
    }
}
