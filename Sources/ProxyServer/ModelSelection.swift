import ResponsesTranslation

/// Which MiMo model text requests use. The configured model (flag, environment, config file) serves
/// requests that name no MiMo model; a model pinned with `ccmimoctl model` serves every text request,
/// so a running Codex switches on its next turn without a restart. The pin outlives restarts through
/// `onPinChange`, which the daemon uses to persist it.
public actor ModelSelection {
    public private(set) var configured: String
    public private(set) var pinned: String?
    private let onPinChange: @Sendable (String?) async -> Void

    /// The model a text request naming no MiMo model goes to.
    public var active: String { pinned ?? configured }

    public init(active: String, pinned: String? = nil, onPinChange: @escaping @Sendable (String?) async -> Void = { _ in }) {
        self.configured = MimoModels.canonicalID(active)
        self.pinned = pinned.map(MimoModels.canonicalID)
        self.onPinChange = onPinChange
    }

    /// Pins `model` (short names like `v2.5-pro` are accepted) and returns the canonical id.
    @discardableResult
    public func pin(_ model: String) async -> String {
        let id = MimoModels.canonicalID(model)
        pinned = id
        await onPinChange(id)
        return id
    }

    /// Back to the configured model, and to honouring the MiMo model a client names.
    public func unpin() async {
        pinned = nil
        await onPinChange(nil)
    }

    /// A reload changed the configured model; a pin still wins.
    public func configure(_ model: String) {
        configured = MimoModels.canonicalID(model)
    }
}
