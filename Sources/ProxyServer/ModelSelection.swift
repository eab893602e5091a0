import ResponsesTranslation

/// The active model for requests whose client model is not a MiMo id. Switched live by
/// `ccmimoctl model`; the next request uses it without restarting Codex.
public actor ModelSelection {
    public private(set) var active: String
    private let onChange: @Sendable (String) async -> Void

    public init(active: String, onChange: @escaping @Sendable (String) async -> Void = { _ in }) {
        self.active = MimoModels.canonicalID(active)
        self.onChange = onChange
    }

    public func select(_ model: String) async {
        active = MimoModels.canonicalID(model)
        await onChange(active)
    }
}
