/// What a model name turned into: the id that goes upstream, and why it differs from the name.
public struct ModelResolution: Sendable, Equatable, CustomStringConvertible {
    /// The name as given (`v2.5-pro`, `pro`, `mimo-v2.6-pro`).
    public var requested: String
    /// The id sent to MiMo.
    public var id: String
    /// Set when `requested` names a retired model: the first retirement on the way to `id`.
    public var retirement: RetiredModel?

    public init(requested: String, id: String, retirement: RetiredModel? = nil) {
        self.requested = requested
        self.id = id
        self.retirement = retirement
    }

    /// `v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro`, `pro → mimo-v2.6-pro`, or just the id when the
    /// name only spelled it differently (`V2.6-Pro`).
    public var description: String {
        if let retirement { return "\(requested) (retired \(retirement.retiredOn)) → \(id)" }
        return MimoModelName.canonical(requested) == id ? id : "\(requested) → \(id)"
    }
}
