/// A file operation the system refused, before it is phrased as a `SyncError` by the caller,
/// which knows what the file is for.
@_spi(CrashProbe)
public struct FileFailure: Error, Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
