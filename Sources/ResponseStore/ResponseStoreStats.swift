/// What the store holds right now, for `ccmimoctl status` and the logs.
public struct ResponseStoreStats: Sendable, Equatable {
    public var count: Int
    /// Bytes of stored JSON, the quantity `ResponseStoreLimits.maxBytes` bounds (not the file size,
    /// which also holds SQLite's pages, indexes and free space).
    public var totalBytes: Int
    public var oldestCreatedAt: Int?
    public var newestCreatedAt: Int?
    /// The SQLite file.
    public var path: String

    public init(count: Int, totalBytes: Int, oldestCreatedAt: Int?, newestCreatedAt: Int?, path: String) {
        self.count = count
        self.totalBytes = totalBytes
        self.oldestCreatedAt = oldestCreatedAt
        self.newestCreatedAt = newestCreatedAt
        self.path = path
    }
}
