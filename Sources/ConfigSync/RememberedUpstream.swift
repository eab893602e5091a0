import ResponsesTranslation

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
