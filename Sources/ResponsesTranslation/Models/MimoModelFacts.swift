/// What is known about one MiMo model id before asking the upstream. The line changes every few
/// months (v2 → v2.5 → v2.6, V3 announced), so each entry carries the day it was recorded and its
/// source, and nothing here is the last word: the upstream's `GET /models` says which ids exist, and
/// a refused image says which model is text-only (`ModelLineup`). A wrong entry costs one retry
/// (`ModelFallback`), not a failed turn.
public struct MimoModelFacts: Sendable, Equatable {
    /// Whether the model takes `image_url` parts.
    public enum ImageInput: Sendable, Equatable {
        case accepted
        /// Known to answer 404 "No endpoints found that support image input".
        case refused
        /// Public sources disagree: the daemon tries it and learns from the answer.
        case disputed
    }

    public var id: String
    public var displayName: String
    public var contextWindow: Int
    /// The largest `max_completion_tokens` it takes (thinking and answer together).
    public var maxCompletionTokens: Int
    public var imageInput: ImageInput
    /// When this entry was written (YYYY-MM-DD) and from what, so a stale entry is easy to spot.
    public var recorded: String
    public var source: String

    public init(id: String, displayName: String, contextWindow: Int = 1_048_576, maxCompletionTokens: Int,
                imageInput: ImageInput, recorded: String, source: String) {
        self.id = id
        self.displayName = displayName
        self.contextWindow = contextWindow
        self.maxCompletionTokens = maxCompletionTokens
        self.imageInput = imageInput
        self.recorded = recorded
        self.source = source
    }
}

extension MimoModelFacts {
    /// The current chat models as of the newest entry's date.
    public static let known: [MimoModelFacts] = [
        MimoModelFacts(id: "mimo-v2.6-pro", displayName: "MiMo V2.6 Pro", maxCompletionTokens: 131_072,
                       imageInput: .disputed, recorded: "2026-12-07",
                       source: "world-2026-12.md §1: current since 2026-09-22; images yes per llmgateway PR #4175 and cc-switch's preset, no per a mimo2codex-derived table"),
        MimoModelFacts(id: "mimo-v2.6-flash", displayName: "MiMo V2.6 Flash", maxCompletionTokens: 131_072,
                       imageInput: .accepted, recorded: "2026-12-07",
                       source: "world-2026-12.md §1: current since 2026-09-22, takes images"),
        MimoModelFacts(id: "mimo-v2.6-pro-ultraspeed", displayName: "MiMo V2.6 Pro UltraSpeed", maxCompletionTokens: 131_072,
                       imageInput: .disputed, recorded: "2026-12-07",
                       source: "world-2026-12.md §1: pay-as-you-go only; images reported yes"),
    ]

    /// The facts for `id`, or assumptions for an id no entry knows (a model MiMo added after this
    /// release): MiMo's usual 1M context, a conservative output cap, and images tried.
    public static func facts(for id: String) -> MimoModelFacts {
        if let entry = known.first(where: { $0.id == id }) { return entry }
        if let retired = RetiredModel.entry(for: id) {
            return MimoModelFacts(id: id, displayName: MimoModelName.displayName(of: id) + " (retired)",
                                  maxCompletionTokens: 32_768, imageInput: .disputed, recorded: retired.retiredOn,
                                  source: "retired: \(retired.source)")
        }
        return MimoModelFacts(id: id, displayName: MimoModelName.displayName(of: id), maxCompletionTokens: 32_768,
                              imageInput: .disputed, recorded: "2026-12-07",
                              source: "no entry: assumed (1M context as every MiMo chat model since v2.5, 32K output cap)")
    }
}
