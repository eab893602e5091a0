/// Which MiMo plan an upstream URL belongs to, by host. The raw values are the daemon's
/// `MIMO_MODE` names, so the daemon can map them without ConfigSync depending on it.
public enum MimoPlan: String, Sendable, Equatable, CaseIterable {
    case standard
    case tokenPlanChina = "token-plan-cn"
    case tokenPlanSingapore = "token-plan-sgp"
    case tokenPlanAmsterdam = "token-plan-ams"

    /// Nil for hosts that are not MiMo's own (a corporate proxy, a simulator): the daemon then uses
    /// the URL as given and picks the plan from the key.
    public init?(baseURL: String) {
        switch BaseURL.host(of: baseURL) {
        case "api.xiaomimimo.com": self = .standard
        case "token-plan-cn.xiaomimimo.com": self = .tokenPlanChina
        case "token-plan-sgp.xiaomimimo.com": self = .tokenPlanSingapore
        case "token-plan-ams.xiaomimimo.com": self = .tokenPlanAmsterdam
        default: return nil
        }
    }
}

/// Where the daemon should send the traffic of the provider it now stands in for.
public struct RememberedUpstream: Sendable, Equatable {
    /// The cc-switch provider whose route was pointed at the daemon.
    public var providerID: String
    public var providerName: String
    /// The provider's own base URL before the sync, e.g. `https://token-plan-cn.xiaomimimo.com/v1`.
    public var baseURL: String
    public var plan: MimoPlan?

    public init(providerID: String, providerName: String, baseURL: String, plan: MimoPlan?) {
        self.providerID = providerID
        self.providerName = providerName
        self.baseURL = baseURL
        self.plan = plan
    }
}
