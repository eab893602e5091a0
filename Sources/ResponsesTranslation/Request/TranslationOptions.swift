/// The daemon-side choices that shape a translation.
public struct TranslationOptions: Sendable, Equatable {
    /// The model for text requests whose client model is not a MiMo id (`ccmimoctl model` sets it).
    public var activeModel: String
    /// The model `ccmimoctl model` pinned: every text request uses it, whatever model the client names,
    /// so a running Codex switches on its next turn. Nil honours a MiMo id the client asks for.
    public var pinnedModel: String?
    /// Where turns with images go.
    public var visionModel: String
    /// `max_completion_tokens` when the client sets no `max_output_tokens`; nil leaves MiMo's default.
    public var defaultMaxCompletionTokens: Int?
    /// Stream from MiMo even when the client asked for a complete response (keeps keepalives and
    /// retries uniform); nil follows the client.
    public var streamUpstream: Bool?
    public var modelTraits: @Sendable (String) -> MimoModelTraits

    public init(activeModel: String = MimoModels.defaultModel, pinnedModel: String? = nil, visionModel: String = MimoModels.vision,
                defaultMaxCompletionTokens: Int? = nil, streamUpstream: Bool? = nil,
                modelTraits: @escaping @Sendable (String) -> MimoModelTraits = MimoModels.traits) {
        self.activeModel = activeModel
        self.pinnedModel = pinnedModel
        self.visionModel = visionModel
        self.defaultMaxCompletionTokens = defaultMaxCompletionTokens
        self.streamUpstream = streamUpstream
        self.modelTraits = modelTraits
    }

    public static func == (lhs: TranslationOptions, rhs: TranslationOptions) -> Bool {
        lhs.activeModel == rhs.activeModel && lhs.pinnedModel == rhs.pinnedModel && lhs.visionModel == rhs.visionModel
            && lhs.defaultMaxCompletionTokens == rhs.defaultMaxCompletionTokens && lhs.streamUpstream == rhs.streamUpstream
    }
}
