/// `model`: the model text requests go to, how the chosen name resolved, and where the choice came from.
public struct ModelState: Codable, Sendable, Equatable {
    /// The id text requests go to.
    public var active: String
    /// How the chosen name became `active`: `v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro`, or the id.
    public var resolution: String
    /// The model before this command changed it; nil when it did not change.
    public var previous: String?
    /// "ccmimoctl", "config", "default", …
    public var source: String
    /// Whether the choice survives a restart.
    public var persisted: Bool
    /// Where requests with images go, resolved the same way.
    public var vision: String
    /// The chat models the upstream serves (or the known current ones while it has not said); any
    /// other `mimo-*` id is accepted too.
    public var available: [String]
    /// Something the user should know about the choice, such as a model the upstream does not list.
    public var warning: String?

    public init(active: String, resolution: String? = nil, previous: String? = nil, source: String, persisted: Bool,
                vision: String = "", available: [String] = [], warning: String? = nil) {
        self.active = active
        self.resolution = resolution ?? active
        self.previous = previous
        self.source = source
        self.persisted = persisted
        self.vision = vision
        self.available = available
        self.warning = warning
    }

    /// As `DaemonStatus.ActiveModel`: daemons before `resolution` and `vision` existed sent neither.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(active: try fields.decode(String.self, forKey: .active),
                  resolution: try fields.decodeIfPresent(String.self, forKey: .resolution),
                  previous: try fields.decodeIfPresent(String.self, forKey: .previous),
                  source: try fields.decode(String.self, forKey: .source), persisted: try fields.decode(Bool.self, forKey: .persisted),
                  vision: try fields.decodeIfPresent(String.self, forKey: .vision) ?? "",
                  available: try fields.decode([String].self, forKey: .available),
                  warning: try fields.decodeIfPresent(String.self, forKey: .warning))
    }
}
