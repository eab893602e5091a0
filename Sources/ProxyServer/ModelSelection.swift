import NIOConcurrencyHelpers
import ResponsesTranslation

/// Which MiMo models requests go to, and what the upstream is known to serve.
///
/// - The configured model (`model`) serves requests that name no MiMo model; the vision model
///   (`vision_model`) serves turns with images the chosen model does not take.
/// - A model pinned with `ccmimoctl model` serves every text request, so a running Codex switches on
///   its next turn without a restart; `onPinChange` persists it.
/// - The lineup (`GET /models`, refused images) turns every name into the id sent: a retired name
///   becomes its successor unless the upstream still serves it.
///
/// Names are kept as given and resolved whenever the lineup changes, so a pin written by an older
/// version (`mimo-v2.5-pro`) follows the upstream. Pinning is rare and goes through the actor; every
/// request reads the resolved snapshot under a lock (docs/ARCHITECTURE.md, "Locks, not actors").
public actor ModelSelection {
    /// The resolved choice every request reads.
    public struct Snapshot: Sendable, Equatable {
        /// The pin, else the configured model.
        public var active: ModelResolution
        public var configured: ModelResolution
        public var pinned: ModelResolution?
        public var vision: ModelResolution
        public var lineup: ModelLineup
        /// When the upstream's list was read (ISO 8601), nil while it never was.
        public var servedAt: String?
    }

    private struct Names: Sendable, Equatable {
        var configured: String
        var vision: String
        var pinned: String?
    }

    private struct State: Sendable {
        var names: Names
        var lineup: ModelLineup
        var servedAt: String?
        var snapshot: Snapshot
        var catalog: ModelCatalog?
        /// Counts lessons, so a list read that started before a lesson does not undo it.
        var lessons: UInt64 = 0
        var learnedAt: [String: UInt64] = [:]

        init(names: Names, lineup: ModelLineup, servedAt: String?) {
            self.names = names
            self.lineup = lineup
            self.servedAt = servedAt
            self.snapshot = Self.resolve(names, lineup, servedAt)
        }

        mutating func update(_ change: (inout State) -> Void) {
            change(&self)
            snapshot = Self.resolve(names, lineup, servedAt)
            catalog = nil
        }

        static func resolve(_ names: Names, _ lineup: ModelLineup, _ servedAt: String?) -> Snapshot {
            func resolved(_ name: String) -> ModelResolution {
                lineup.resolve(typed: name) ?? ModelResolution(requested: name, id: name)
            }
            let configured = resolved(names.configured)
            let pinned = names.pinned.map(resolved)
            return Snapshot(active: pinned ?? configured, configured: configured, pinned: pinned,
                            vision: resolved(names.vision), lineup: lineup, servedAt: servedAt)
        }
    }

    private let state: NIOLockedValueBox<State>
    private let onPinChange: @Sendable (String?) async -> Void
    private let baseInstructions: String?

    /// `configured`, `vision` and `pinned` as a user typed them (`v2.5-pro`, `pro`, `mimo-v2.6-flash`).
    public init(configured: String = ModelDefaults.text, vision: String = ModelDefaults.images, pinned: String? = nil,
                lineup: ModelLineup = ModelLineup(), servedAt: String? = nil, baseInstructions: String? = nil,
                onPinChange: @escaping @Sendable (String?) async -> Void = { _ in }) {
        state = NIOLockedValueBox(State(names: Names(configured: Self.name(configured), vision: Self.name(vision),
                                                     pinned: pinned.map(Self.name)),
                                        lineup: lineup, servedAt: servedAt))
        self.onPinChange = onPinChange
        self.baseInstructions = baseInstructions
    }

    /// A name as the user gave it, so messages repeat it (`v2.5-pro (retired …) → …`); resolving
    /// handles case and the `mimo-` prefix.
    private static func name(_ typed: String) -> String { typed.trimmedWhitespace.lowercased() }

    /// The resolved models and the lineup, read without waiting for the actor.
    public nonisolated var current: Snapshot { state.withLockedValue { $0.snapshot } }

    /// What a translation needs from the current choice.
    public nonisolated func translationOptions(defaultMaxCompletionTokens: Int? = nil, streamUpstream: Bool? = nil) -> TranslationOptions {
        let snapshot = current
        return TranslationOptions(activeModel: snapshot.configured.id, pinnedModel: snapshot.pinned?.id,
                                  visionModel: snapshot.vision.id, lineup: snapshot.lineup,
                                  defaultMaxCompletionTokens: defaultMaxCompletionTokens, streamUpstream: streamUpstream)
    }

    /// Pins the model `typed` names (short names and family aliases work) and returns how it resolved;
    /// nil when the name cannot be a model.
    public func pin(_ typed: String) async -> ModelResolution? {
        guard let resolution = current.lineup.resolve(typed: typed) else { return nil }
        let name = Self.name(typed)
        state.withLockedValue { $0.update { $0.names.pinned = name } }
        await onPinChange(name)
        return resolution
    }

    /// Back to the configured model, and to honouring the MiMo model a client names.
    public func unpin() async {
        state.withLockedValue { $0.update { $0.names.pinned = nil } }
        await onPinChange(nil)
    }

    /// A reload changed the configured models; a pin still wins.
    public func configure(text: String, vision: String) {
        state.withLockedValue { state in
            state.update {
                $0.names.configured = Self.name(text)
                $0.names.vision = Self.name(vision)
            }
        }
    }

    /// Marks the start of a read of the upstream's list: what is learned after it survives the answer.
    public nonisolated func lessonMark() -> UInt64 {
        state.withLockedValue { $0.lessons }
    }

    /// The upstream's fresh `/models` answer (its ids, and when it was read). Which models refused
    /// images is forgotten when the user asked for the read (`forgetLessons`) or the list changed, but
    /// never what was learned since `mark`, while the answer was on its way.
    public nonisolated func replaceServed(_ ids: [String], at time: String?, forgetLessons: Bool = true,
                                          since mark: UInt64 = .max) {
        state.withLockedValue { state in
            state.update {
                let changed = ModelLineup(served: ids).served != $0.lineup.served
                let keep = forgetLessons || changed ? Set($0.learnedAt.filter { $0.value > mark }.keys) : $0.lineup.refusedImages
                $0.lineup.replaceServed(ids, keeping: keep)
                $0.learnedAt = $0.learnedAt.filter { keep.contains($0.key) }
                $0.servedAt = time
            }
        }
    }

    /// Everything known about the upstream's models, replaced at once (a stored answer, a reroute).
    public nonisolated func replaceLineup(_ lineup: ModelLineup, servedAt: String?) {
        state.withLockedValue { state in
            state.update {
                $0.lineup = lineup
                $0.servedAt = servedAt
            }
        }
    }

    /// What MiMo's answer to a request taught. Returns whether the lineup changed.
    @discardableResult
    public nonisolated func learn(_ lesson: ModelFallback.Lesson) -> Bool {
        guard case .refusesImages(let model) = lesson else { return false }
        return state.withLockedValue { state in
            guard !state.lineup.refusedImages.contains(model) else { return false }
            state.update {
                $0.lessons += 1
                $0.learnedAt[model] = $0.lessons
                $0.lineup.learnRefusesImages(model)
            }
            return true
        }
    }

    /// `GET /v1/models`: built when first asked after each change of the lineup.
    public nonisolated var catalog: ModelCatalog {
        state.withLockedValue { state in
            if let catalog = state.catalog { return catalog }
            let catalog = ModelCatalog(lineup: state.lineup, baseInstructions: baseInstructions)
            state.catalog = catalog
            return catalog
        }
    }
}
