import ResponsesTranslation

/// `store`: the response store's size, bounds and age.
public struct StoreStatus: ControlResultPayload {
    /// The SQLite file, or a description such as "memory" when `inMemory`.
    public var path: String
    public var responses: Int
    public var bytes: Int
    public var maxResponses: Int
    public var maxBytes: Int
    /// When the oldest and newest stored responses were created: ISO 8601 UTC strings (as every
    /// timestamp in the protocol), nil when the store is empty.
    public var oldestAt: String?
    public var newestAt: String?
    /// True when nothing survives a restart (no state directory was usable).
    public var inMemory: Bool

    public init(path: String, responses: Int, bytes: Int, maxResponses: Int, maxBytes: Int,
                oldestAt: String? = nil, newestAt: String? = nil, inMemory: Bool) {
        self.path = path
        self.responses = responses
        self.bytes = bytes
        self.maxResponses = maxResponses
        self.maxBytes = maxBytes
        self.oldestAt = oldestAt
        self.newestAt = newestAt
        self.inMemory = inMemory
    }

    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("path", path)
        w.set("responses", responses)
        w.set("bytes", bytes)
        w.set("max_responses", maxResponses)
        w.set("max_bytes", maxBytes)
        w.set("oldest_at", oldestAt)
        w.set("newest_at", newestAt)
        w.set("in_memory", inMemory)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "store")
        self.init(path: try r.string("path"), responses: try r.int("responses"), bytes: try r.int("bytes"),
                  maxResponses: try r.int("max_responses"), maxBytes: try r.int("max_bytes"),
                  oldestAt: try r.optionalString("oldest_at"), newestAt: try r.optionalString("newest_at"),
                  inMemory: try r.bool("in_memory"))
    }
}
