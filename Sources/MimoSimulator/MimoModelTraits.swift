/// What a MiMo chat model accepts, as far as request validation is concerned (mimo-api.md §3).
public struct MimoModelTraits: Sendable, Equatable {
    /// Whether `image_url` parts are served. A text-only model answers 404 "No endpoints found that
    /// support image input".
    public var acceptsImages: Bool
    /// The largest `max_completion_tokens` the model takes (thinking and answer together).
    public var maxCompletionTokens: Int

    public init(acceptsImages: Bool, maxCompletionTokens: Int) {
        self.acceptsImages = acceptsImages
        self.maxCompletionTokens = maxCompletionTokens
    }

    /// The current chat models. The retired `mimo-v2-*` ids (2026-06-30) are left out on purpose, so a
    /// bridge that still sends them fails in tests as it would against MiMo's gateway without an alias.
    public static let known: [String: MimoModelTraits] = [
        // mimo2codex caps output at 32K; other sources say 131,072. The lower figure is the safe one.
        "mimo-v2.5": MimoModelTraits(acceptsImages: true, maxCompletionTokens: 32_768),
        "mimo-v2.5-pro": MimoModelTraits(acceptsImages: false, maxCompletionTokens: 131_072),
        "mimo-v2.5-pro-ultraspeed": MimoModelTraits(acceptsImages: false, maxCompletionTokens: 131_072),
        // v2.6 is multimodal per third parties; MiMo's own tables do not say so yet.
        "mimo-v2.6-pro": MimoModelTraits(acceptsImages: true, maxCompletionTokens: 131_072),
        "mimo-v2.6-flash": MimoModelTraits(acceptsImages: true, maxCompletionTokens: 131_072),
        "mimo-v2.6-pro-ultraspeed": MimoModelTraits(acceptsImages: true, maxCompletionTokens: 131_072),
    ]
}
