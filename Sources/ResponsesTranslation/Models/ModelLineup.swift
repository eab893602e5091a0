/// The models the upstream serves, as far as the daemon knows: the chat ids its `GET /models` listed
/// (nil until it has answered once), and the models that refused an image since that answer. Names
/// resolve against it first, then against the retirement table, so an old id the upstream still
/// serves passes through unchanged and one it dropped goes to its successor.
public struct ModelLineup: Sendable, Equatable {
    /// Chat model ids in the upstream's order; nil while unknown.
    public private(set) var served: [String]?
    /// Models that answered an image with "no endpoints support image input": text-only until the
    /// next refresh, whatever `MimoModelFacts` says.
    public private(set) var refusedImages: Set<String>

    public init(served: [String]? = nil, refusedImages: Set<String> = []) {
        self.served = served.map(Self.chatModels)
        self.refusedImages = refusedImages
    }

    /// Takes a fresh `/models` answer; what was learned about images starts over with it, except what
    /// was learned while that answer was on its way (`keeping`).
    public mutating func replaceServed(_ ids: [String], keeping: Set<String> = []) {
        served = Self.chatModels(ids)
        refusedImages = refusedImages.intersection(keeping)
    }

    public mutating func learnRefusesImages(_ id: String) {
        refusedImages.insert(id)
    }

    /// Whether the upstream serves `id`; nil when it has not said.
    public func serves(_ id: String) -> Bool? {
        served.map { $0.contains(id) }
    }

    /// The chat models to offer: the upstream's, or the known current ones while it has not answered.
    public var chatModels: [String] {
        served ?? MimoModelFacts.known.map(\.id)
    }

    /// Whether a request with images may go to `id`. Unknown and disputed models are tried: if one
    /// refuses, `ModelFallback` retries on the vision model and this lineup learns it.
    public func acceptsImages(_ id: String) -> Bool {
        !refusedImages.contains(id) && MimoModelFacts.facts(for: id).imageInput != .refused
    }

    /// The id to send for a canonical id: itself when served or not retired, else its successor (the
    /// first served one along the retirement chain, or the chain's end when nothing is known).
    public func resolve(id: String, as requested: String? = nil) -> ModelResolution {
        let requested = requested ?? id
        if serves(id) == true { return ModelResolution(requested: requested, id: id) }
        let chain = RetiredModel.chain(from: id)
        guard let first = chain.first, let last = chain.last else { return ModelResolution(requested: requested, id: id) }
        let target = chain.first(where: { serves($0.successor) == true })?.successor ?? last.successor
        return ModelResolution(requested: requested, id: target, retirement: first)
    }

    /// A name as a user typed it (`v2.5-pro`, `pro`, `MiMo-V2.6-Flash`); nil when it cannot be a model.
    public func resolve(typed: String) -> ModelResolution? {
        let shown = typed.trimmedWhitespace
        switch MimoModelName.parse(typed) {
        case .id(let id)?: return resolve(id: id, as: shown)
        case .newest(let family)?: return resolve(id: newest(family), as: shown)
        case nil: return nil
        }
    }

    /// The newest model of a family among the served ones (or the known ones while unknown).
    public func newest(_ family: MimoModelName.Family) -> String {
        var best: (id: String, version: [Int])?
        for id in chatModels {
            guard let parts = MimoModelName.parts(of: id), parts.family == family.rawValue,
                  RetiredModel.entry(for: id) == nil || serves(id) == true else { continue }
            if best.map({ MimoModelName.isNewer(parts.version, than: $0.version) }) ?? true { best = (id, parts.version) }
        }
        return best?.id ?? ModelDefaults.model(of: family)
    }

    private static func chatModels(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.map { $0.lowercased() }.filter { MimoModelName.isChatModel($0) && seen.insert($0).inserted }
    }
}
