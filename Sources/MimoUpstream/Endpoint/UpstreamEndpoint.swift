import ResponsesTranslation

/// Where requests go: the plan's documented base URL, or a user override (a Token Plan page's URL,
/// a corporate proxy, the simulator). Kept as a string because the transport takes strings and no
/// URL type is needed to append a path.
public struct UpstreamEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// No trailing slash, no `/chat/completions`.
    public let baseURL: String
    public let mode: MimoPlan

    /// An empty or blank override means "no override". Users often paste the full endpoint from a
    /// curl example, so a trailing `/chat/completions` is accepted and removed.
    public init(mode: MimoPlan, baseURLOverride: String? = nil) {
        self.mode = mode
        let override = baseURLOverride?.trimmedWhitespace ?? ""
        guard !override.isEmpty else {
            baseURL = mode.defaultBaseURL
            return
        }
        var url = Self.trimmingTrailingSlashes(override)
        let suffix = "/chat/completions"
        if url.lowercased().hasSuffix(suffix) {
            url = Self.trimmingTrailingSlashes(String(url.dropLast(suffix.count)))
        }
        baseURL = url.isEmpty ? mode.defaultBaseURL : url
    }

    public var chatCompletionsURL: String { baseURL + "/chat/completions" }
    public var modelsURL: String { baseURL + "/models" }

    /// The host name, lower-cased, without scheme, credentials, port or path; IPv6 literals keep
    /// their brackets. Empty when the URL has no authority.
    public var host: String { URLHost.of(baseURL) }

    public var isTokenPlanHost: Bool { MimoPlan.isTokenPlanHost(host) }

    /// True for MiMo's own hosts, where key/host mismatches can be diagnosed with confidence.
    public var isMimoHost: Bool { MimoPlan.isMimoHost(host) }

    public var description: String { baseURL }

    private static func trimmingTrailingSlashes(_ text: String) -> String {
        var text = Substring(text)
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
