/// How much the store keeps. Past either limit the oldest responses (by `createdAt`) are evicted.
public struct ResponseStoreLimits: Sendable, Equatable {
    /// At most this many responses; at least 1.
    public var maxResponses: Int
    /// At most this many bytes of stored JSON (responses plus their input items); at least 1.
    /// A single response larger than this is refused rather than stored.
    public var maxBytes: Int

    public init(maxResponses: Int = 1000, maxBytes: Int = 256 << 20) {
        self.maxResponses = maxResponses
        self.maxBytes = maxBytes
    }

    /// Why these limits cannot work, or nil when they can.
    var problem: String? {
        if maxResponses < 1 { return "maxResponses must be at least 1 (got \(maxResponses))" }
        if maxBytes < 1 { return "maxBytes must be at least 1 (got \(maxBytes))" }
        return nil
    }
}
