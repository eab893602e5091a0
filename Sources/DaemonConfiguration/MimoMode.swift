/// Which MiMo endpoint family the key belongs to. Kept here as plain names so configuration does
/// not depend on the upstream module; the daemon maps it to the upstream's own type.
public enum MimoMode: String, Sendable, Equatable, CaseIterable {
    /// Pay-as-you-go API keys.
    case standard
    /// Token Plan subscriptions, per region.
    case tokenPlanChina = "token-plan-cn"
    case tokenPlanSingapore = "token-plan-sgp"
    case tokenPlanAmsterdam = "token-plan-ams"
}
