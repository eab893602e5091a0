/// The daemon-side choices that shape a translation.
public struct TranslationOptions: Sendable, Equatable {
    /// The model for text requests whose client model is not a MiMo id, already resolved against the
    /// lineup (a retired configured model arrives here as its successor).
    public var activeModel: String
    /// The model `ccmimoctl model` pinned (resolved): every text request uses it, whatever model the
    /// client names, so a running Codex switches on its next turn. Nil honours a MiMo id the client asks for.
    public var pinnedModel: String?
    /// Where turns with images go when the chosen model does not take them (resolved).
    public var visionModel: String
    /// What the upstream serves and which models refused images: resolves the client's model and
    /// decides image routing.
    public var lineup: ModelLineup
    /// `max_completion_tokens` when the client sets no `max_output_tokens`; nil leaves MiMo's default.
    public var defaultMaxCompletionTokens: Int?
    /// Stream from MiMo even when the client asked for a complete response (keeps keepalives and
    /// retries uniform); nil follows the client.
    public var streamUpstream: Bool?

    public init(activeModel: String = ModelDefaults.text, pinnedModel: String? = nil, visionModel: String = ModelDefaults.images,
                lineup: ModelLineup = ModelLineup(), defaultMaxCompletionTokens: Int? = nil, streamUpstream: Bool? = nil) {
        self.activeModel = activeModel
        self.pinnedModel = pinnedModel
        self.visionModel = visionModel
        self.lineup = lineup
        self.defaultMaxCompletionTokens = defaultMaxCompletionTokens
        self.streamUpstream = streamUpstream
    }
}
