/// MiMo's plans and their hosts (mimo-api.md §1): pay-as-you-go (`sk-` keys) and the Token Plan
/// clusters (`tp-`/`ttp-` keys), each a host of its own; a key works only on the host family it was
/// issued for. The raw values are the `mode` setting's names.
public enum MimoPlan: String, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    case standard
    case tokenPlanChina = "token-plan-cn"
    case tokenPlanSingapore = "token-plan-sgp"
    case tokenPlanAmsterdam = "token-plan-ams"

    /// The OpenAI-compatible base URL MiMo documents for this plan.
    public var defaultBaseURL: String { "https://\(host)/v1" }

    public var host: String {
        switch self {
        case .standard: "api.xiaomimimo.com"
        case .tokenPlanChina: "token-plan-cn.xiaomimimo.com"
        case .tokenPlanSingapore: "token-plan-sgp.xiaomimimo.com"
        case .tokenPlanAmsterdam: "token-plan-ams.xiaomimimo.com"
        }
    }

    public var isTokenPlan: Bool { self != .standard }

    public var description: String { rawValue }

    /// The plan whose host a URL names; nil for hosts that are not MiMo's documented ones (a corporate
    /// proxy, a simulator).
    public init?(baseURL: String) {
        let host = URLHost.of(baseURL)
        guard let plan = Self.allCases.first(where: { $0.host == host }) else { return nil }
        self = plan
    }

    /// Any of MiMo's own hosts, where key/host mismatches can be diagnosed with confidence.
    public static func isMimoHost(_ host: String) -> Bool {
        host == "xiaomimimo.com" || host.hasSuffix(".xiaomimimo.com")
    }

    /// A Token Plan gateway, decided by the host rather than a setting: an override pointing at a proxy
    /// is not one, whatever the mode says.
    public static func isTokenPlanHost(_ host: String) -> Bool {
        host.hasPrefix("token-plan-") && host.hasSuffix(".xiaomimimo.com")
    }
}
