/// What the translator needs to know about MiMo models. The line changes fast, so any `mimo-*` id a
/// client asks for is passed through; this table only answers "does it take images" and "how many
/// output tokens may it produce".
public struct MimoModelTraits: Sendable, Equatable {
    public var acceptsImages: Bool
    public var maxCompletionTokens: Int
    public var contextWindow: Int

    public init(acceptsImages: Bool, maxCompletionTokens: Int, contextWindow: Int = 1_048_576) {
        self.acceptsImages = acceptsImages
        self.maxCompletionTokens = maxCompletionTokens
        self.contextWindow = contextWindow
    }
}

public enum MimoModels {
    public static let vision = "mimo-v2.5"
    public static let defaultModel = "mimo-v2.5"

    public static let known: [String: MimoModelTraits] = [
        "mimo-v2.5": MimoModelTraits(acceptsImages: true, maxCompletionTokens: 32_768),
        "mimo-v2.5-pro": MimoModelTraits(acceptsImages: false, maxCompletionTokens: 131_072),
        "mimo-v2.5-pro-ultraspeed": MimoModelTraits(acceptsImages: false, maxCompletionTokens: 131_072),
        "mimo-v2.6-pro": MimoModelTraits(acceptsImages: true, maxCompletionTokens: 131_072),
        "mimo-v2.6-flash": MimoModelTraits(acceptsImages: true, maxCompletionTokens: 131_072),
    ]

    /// Short names users type (`ccmimoctl model v2.5-pro`) to full ids.
    public static func canonicalID(_ name: String) -> String {
        let lowered = name.lowercased()
        return lowered.hasPrefix("mimo-") ? lowered : "mimo-" + lowered
    }

    public static func isMimoModel(_ slug: String) -> Bool { slug.lowercased().hasPrefix("mimo-") }

    /// Unknown MiMo ids are assumed text-only: sending an image to a text model is a 404, while
    /// routing a turn with images to `mimo-v2.5` always works.
    public static func traits(_ model: String) -> MimoModelTraits {
        known[model] ?? MimoModelTraits(acceptsImages: false, maxCompletionTokens: 32_768)
    }
}
