@testable import DaemonConfiguration

/// One resolution with a typical user environment, and its issues split by severity.
struct Resolution {
    static let home = "/home/ada"
    static let filePath = "/home/ada/.config/ccmimolink/config.toml"
    static let baseEnvironment = ["HOME": home, "XDG_RUNTIME_DIR": "/run/user/1000", "PATH": "/usr/bin"]

    var settings: DaemonSettings?
    var issues: [ConfigurationIssue]

    init(flags: [String: String] = [:], environment: [String: String] = [:], toml: String? = nil,
         replacingEnvironment: Bool = false)
    {
        let env = replacingEnvironment ? environment : Self.baseEnvironment.merging(environment) { $1 }
        let result = ConfigurationResolver.resolve(
            flags: flags, environment: env, file: toml.map { (Self.filePath, $0) })
        settings = result.settings
        issues = result.issues
    }

    var errors: [String] { issues.filter { $0.severity == .error }.map(\.description) }
    var warnings: [String] { issues.filter { $0.severity == .warning }.map(\.description) }

    func value(of key: SettingKey) -> String? {
        settings.map { ConfigurationReport.displayValue(of: key, in: $0) }
    }
}
