/// The daemon settings the HTTP surface needs.
public struct ProxySettings: Sendable {
    /// Silence longer than this gets a `response.in_progress` event (Codex ignores SSE comments).
    public var keepaliveInterval: Duration
    /// How long a streaming request waits for MiMo's answer before committing to a 200 stream;
    /// errors MiMo gives sooner are answered with real HTTP statuses.
    public var commitDelay: Duration
    public var maxBodyBytes: Int
    public var defaultMaxOutputTokens: Int?
    public var recoverTextToolCalls: Bool
    public var requestGuard: RequestGuard

    public init(keepaliveInterval: Duration = .seconds(10), commitDelay: Duration? = nil, maxBodyBytes: Int = 64 << 20,
                defaultMaxOutputTokens: Int? = nil, recoverTextToolCalls: Bool = true,
                requestGuard: RequestGuard = RequestGuard()) {
        self.keepaliveInterval = keepaliveInterval
        self.commitDelay = commitDelay ?? keepaliveInterval
        self.maxBodyBytes = maxBodyBytes
        self.defaultMaxOutputTokens = defaultMaxOutputTokens
        self.recoverTextToolCalls = recoverTextToolCalls
        self.requestGuard = requestGuard
    }
}
