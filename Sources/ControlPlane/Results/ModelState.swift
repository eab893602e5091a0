import ResponsesTranslation

/// `model`: the model text requests go to, and where that choice came from.
public struct ModelState: ControlResultPayload {
    public var active: String
    /// The model before this command changed it; nil when it did not change.
    public var previous: String?
    /// "ccmimoctl", "config", "default", …
    public var source: String
    /// Whether the choice survives a restart.
    public var persisted: Bool
    /// Model ids the daemon knows; any other `mimo-*` id is accepted too.
    public var available: [String]

    public init(active: String, previous: String? = nil, source: String, persisted: Bool, available: [String] = []) {
        self.active = active
        self.previous = previous
        self.source = source
        self.persisted = persisted
        self.available = available
    }

    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("active", active)
        w.set("previous", previous)
        w.set("source", source)
        w.set("persisted", persisted)
        w.set("available", available)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "model")
        self.init(active: try r.string("active"), previous: try r.optionalString("previous"), source: try r.string("source"),
                  persisted: try r.bool("persisted"), available: try r.strings("available"))
    }
}
