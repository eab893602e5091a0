import ResponsesTranslation
import NIOConcurrencyHelpers

/// Which MiMo model text requests use. The configured model (flag, environment, config file) serves
/// requests that name no MiMo model; a model pinned with `ccmimoctl model` serves every text request,
/// so a running Codex switches on its next turn without a restart. The pin outlives restarts through
/// `onPinChange`, which the daemon uses to persist it.
public actor ModelSelection {
    public private(set) var configured: String {
        didSet { snapshot.withLockedValue { $0.configured = configured } }
    }
    public private(set) var pinned: String? {
        didSet { snapshot.withLockedValue { $0.pinned = pinned } }
    }
    private let onPinChange: @Sendable (String?) async -> Void
    /// A copy of the two under a lock: every request reads them, and from a connection's event loop a
    /// call into this actor costs two event-loop jobs.
    private let snapshot: NIOLockedValueBox<(configured: String, pinned: String?)>

    /// The active and the pinned model, read without waiting for the actor.
    public nonisolated var current: (active: String, pinned: String?) {
        snapshot.withLockedValue { ($0.pinned ?? $0.configured, $0.pinned) }
    }

    /// The model a text request naming no MiMo model goes to.
    public var active: String { pinned ?? configured }

    public init(active: String, pinned: String? = nil, onPinChange: @escaping @Sendable (String?) async -> Void = { _ in }) {
        let configured = MimoModels.canonicalID(active)
        let pinned = pinned.map(MimoModels.canonicalID)
        self.configured = configured
        self.pinned = pinned
        self.snapshot = NIOLockedValueBox((configured, pinned))
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
