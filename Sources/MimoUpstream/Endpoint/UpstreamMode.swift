/// Which MiMo plan the daemon talks to. Pay-as-you-go (`sk-` keys) and each Token Plan cluster
/// (`tp-`/`ttp-` keys) are separate hosts, and a key only works on the host family it was issued for.
public enum UpstreamMode: String, Sendable, CaseIterable, CustomStringConvertible {
    case standard
    case tokenPlanCN = "token-plan-cn"
    case tokenPlanSGP = "token-plan-sgp"
    case tokenPlanAMS = "token-plan-ams"

    /// The OpenAI-compatible base URL MiMo documents for this plan (mimo-api.md §1).
    public var defaultBaseURL: String {
        switch self {
        case .standard: "https://api.xiaomimimo.com/v1"
        case .tokenPlanCN: "https://token-plan-cn.xiaomimimo.com/v1"
        case .tokenPlanSGP: "https://token-plan-sgp.xiaomimimo.com/v1"
        case .tokenPlanAMS: "https://token-plan-ams.xiaomimimo.com/v1"
        }
    }

    public var isTokenPlan: Bool { self != .standard }

    public var description: String { rawValue }
}
