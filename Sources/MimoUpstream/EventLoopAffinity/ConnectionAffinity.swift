/// The executor of the client connection a task serves, set by the HTTP listener for every connection.
/// Tasks the handler starts for the same exchange (opening MiMo's stream, relaying its chunks, the
/// keepalive ticker) prefer it too, and `MimoClient` has MiMo's response delivered on its event loop.
/// Unset (tests that run Hummingbird's own server), everything runs where Swift and AsyncHTTPClient
/// choose.
public enum ConnectionAffinity {
    @TaskLocal public static var executor: EventLoopTaskExecutor?

    /// The executor for work on `bytes` of request: the connection's loop for an ordinary request, the
    /// global pool (nil) for a large one, whose parsing and serializing (tens of milliseconds for a
    /// long history) would otherwise stall every other connection on the loop.
    public static func executor(forBodyOf bytes: Int) -> EventLoopTaskExecutor? {
        bytes <= largeBodyBytes ? executor : nil
    }

    /// Above this, a request body is handled on the global pool: about half a millisecond of parsing.
    public static let largeBodyBytes = 128 * 1024
}
