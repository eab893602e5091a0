/// What a MiMo chat model accepts, as far as request validation is concerned (world-2026-12.md §1,
/// mimo-api.md §3). Kept apart from the bridge's own model facts on purpose: the simulator stands for
/// MiMo, so a mistake in the bridge's table must not be mirrored here.
public struct SimulatedMimoModel: Sendable, Equatable {
    /// Whether `image_url` parts are served. A text-only model answers 404 "No endpoints found that
    /// support image input".
    public var acceptsImages: Bool
    /// The largest `max_completion_tokens` the model takes (thinking and answer together).
    public var maxCompletionTokens: Int
    /// The `reasoning_effort` values it takes; any other value is a 400. `none` turns thinking off.
    public var reasoningEfforts: Set<String>

    public init(acceptsImages: Bool, maxCompletionTokens: Int, reasoningEfforts: Set<String> = Self.v26Efforts) {
        self.acceptsImages = acceptsImages
        self.maxCompletionTokens = maxCompletionTokens
        self.reasoningEfforts = reasoningEfforts
    }

    /// v2.6: `none | low | medium | high`; `minimal`, `xhigh` and `max` are refused (world-2026-12.md §1).
    public static let v26Efforts: Set<String> = ["none", "low", "medium", "high"]
    /// v2.5 took `low | medium | high` and refused `none` (mimo2codex).
    public static let v25Efforts: Set<String> = ["low", "medium", "high"]

    /// The current chat models (since 2026-09-22). `mimo-v2.6-pro` takes images here, as cc-switch's
    /// preset says; `SimulatedModelLineup(textOnly:)` makes it refuse them, as other sources say.
    public static let current: [String: SimulatedMimoModel] = [
        "mimo-v2.6-pro": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 131_072),
        "mimo-v2.6-flash": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 131_072),
        "mimo-v2.6-pro-ultraspeed": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 131_072),
    ]

    /// The v2.5 line, retired on 2026-10-21: its ids answer 400 "Not supported model" unless the lineup
    /// still serves them (`servesRetired`), with the traits they had.
    public static let retired: [String: SimulatedMimoModel] = [
        "mimo-v2.5": SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 32_768, reasoningEfforts: v25Efforts),
        "mimo-v2.5-pro": SimulatedMimoModel(acceptsImages: false, maxCompletionTokens: 131_072, reasoningEfforts: v25Efforts),
        "mimo-v2.5-pro-ultraspeed": SimulatedMimoModel(acceptsImages: false, maxCompletionTokens: 131_072,
                                                       reasoningEfforts: v25Efforts),
    ]
}

/// Which models a simulated gateway serves. The retired `mimo-v2-*` ids (2026-06-30) are unknown to it,
/// so a bridge that still sends them fails in tests as it would against MiMo.
public struct SimulatedModelLineup: Sendable, Equatable {
    public private(set) var served: [String: SimulatedMimoModel]
    /// Ids MiMo answers with 400 "Not supported model".
    public private(set) var retired: Set<String>

    /// `textOnly`: served models that refuse images; `servesRetired`: the v2.5 ids still work.
    public init(textOnly: Set<String> = [], servesRetired: Bool = false) {
        var served = SimulatedMimoModel.current
        if servesRetired { served.merge(SimulatedMimoModel.retired) { current, _ in current } }
        for id in textOnly { served[id]?.acceptsImages = false }
        self.served = served
        self.retired = servesRetired ? [] : Set(SimulatedMimoModel.retired.keys)
    }

    /// Serves one more model (a future id, in tests and the request fuzzer).
    public mutating func serve(_ id: String, as model: SimulatedMimoModel) {
        served[id] = model
        retired.remove(id)
    }
}
