import Foundation

/// An endpoint with what every call to it needs, worked out once when the route changes rather than
/// on each request: the parsed chat-completions URL and whether the host is a Token Plan gateway.
/// (Both were string work per request on the path to MiMo: tens of microseconds on a small VM.)
struct UpstreamRoute: Sendable {
    let endpoint: UpstreamEndpoint
    let isTokenPlanHost: Bool
    /// nil when the base URL does not parse; the call then fails in AsyncHTTPClient's own parse,
    /// with its usual error.
    let chatCompletionsURL: URL?

    init(_ endpoint: UpstreamEndpoint) {
        self.endpoint = endpoint
        self.isTokenPlanHost = endpoint.isTokenPlanHost
        self.chatCompletionsURL = URL(string: endpoint.chatCompletionsURL)
    }
}
