/// `health`: each check the daemon ran, and whether all of them passed.
public struct HealthReport: Codable, Sendable, Equatable {
    public var healthy: Bool
    public var checks: [Check]

    public struct Check: Codable, Sendable, Equatable {
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
    }

    public init(healthy: Bool, checks: [Check]) {
        self.healthy = healthy
        self.checks = checks
    }

    /// Healthy exactly when every check passed.
    public init(checks: [Check]) {
        self.init(healthy: checks.allSatisfy(\.ok), checks: checks)
    }
}
