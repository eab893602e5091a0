/// `store`: the response store's size, bounds and age.
public struct StoreStatus: Codable, Sendable, Equatable {
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
}
