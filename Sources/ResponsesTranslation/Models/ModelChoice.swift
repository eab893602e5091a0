/// The model a request goes to, and who chose it.
public struct ModelChoice: Sendable, Equatable {
    public enum Origin: String, Sendable, Equatable {
        /// The daemon's configured model (`model`, `MIMO_MODEL`, the default).
        case configured
        /// `ccmimoctl model NAME`.
        case pinned
        /// The MiMo model the client named (Codex's `model`).
        case client
        /// The vision model, because the turn has images the chosen model does not take.
        case imageRouting
    }

    public var id: String
    public var origin: Origin

    public init(id: String, origin: Origin) {
        self.id = id
        self.origin = origin
    }
}
