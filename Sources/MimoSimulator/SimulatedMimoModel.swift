/// What a MiMo chat model accepts, as far as request validation is concerned (mimo-api.md §3). Kept
/// apart from the bridge's own model table on purpose: the simulator stands for MiMo, so a mistake in
/// the bridge's table must not be mirrored here.
public struct SimulatedMimoModel: Sendable, Equatable {
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
    public static let known: [String: SimulatedMimoModel] = [
        // mimo2codex caps output at 32K; other sources say 131,072. The lower figure is the safe one.
        "mimo-v2.5": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 32_768),
        "mimo-v2.5-pro": SimulatedMimoModel(acceptsImages: false, maxCompletionTokens: 131_072),
        "mimo-v2.5-pro-ultraspeed": SimulatedMimoModel(acceptsImages: false, maxCompletionTokens: 131_072),
        // v2.6 is multimodal per third parties; MiMo's own tables do not say so yet.
        "mimo-v2.6-pro": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 131_072),
        "mimo-v2.6-flash": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 131_072),
        "mimo-v2.6-pro-ultraspeed": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 131_072),
    ]
}
