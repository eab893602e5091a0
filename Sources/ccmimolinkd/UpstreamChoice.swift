import ConfigSync
import DaemonConfiguration
import MimoUpstream

/// Where MiMo traffic goes. An explicit `base_url` or `mode` wins; otherwise the real URL of the
/// cc-switch provider the last sync routed through the daemon (the last known one when the sync
/// record cannot be read, and the source says so); otherwise MiMo's standard host.
enum UpstreamChoice {
    static func decide(settings: DaemonSettings, recall: UpstreamRecall) -> (endpoint: UpstreamEndpoint, source: String) {
        let configuredMode = settings.mode
        if settings.baseURL != nil {
            return (UpstreamEndpoint(mode: configuredMode, baseURLOverride: settings.baseURL), settings.source(of: .baseURL).description)
        }
        if settings.source(of: .mode) != .defaultValue {
            return (UpstreamEndpoint(mode: configuredMode), settings.source(of: .mode).description)
        }
        let damaged = recall.recordProblem != nil
        if let remembered = recall.upstream {
            let mode = remembered.plan ?? .standard
            return (UpstreamEndpoint(mode: mode, baseURLOverride: remembered.baseURL),
                    "cc-switch provider \"\(remembered.providerName)\"" + (damaged ? " (last known; sync record unreadable)" : ""))
        }
        return (UpstreamEndpoint(mode: configuredMode), damaged ? "default (sync record unreadable, no upstream known)" : "default")
    }
}
