/// A file operation the system refused, before it is phrased as a `SyncError` by the caller,
/// which knows what the file is for.
@_spi(CrashProbe)
public struct FileFailure: Error, Sendable, Equatable {
    public var path: String
    public var reason: String
    /// Someone else changed the file between our read and our write, so nothing was written.
    public var changedMeanwhile: Bool

    public init(path: String, reason: String, changedMeanwhile: Bool = false) {
        self.path = path
        self.reason = reason
        self.changedMeanwhile = changedMeanwhile
    }
}
