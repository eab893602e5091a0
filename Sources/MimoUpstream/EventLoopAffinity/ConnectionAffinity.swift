/// The executor of the client connection a task serves, set by the HTTP listener for every connection.
/// Tasks the handler starts for the same exchange (opening MiMo's stream, relaying its chunks, the
/// keepalive ticker) prefer it too, and `MimoClient` has MiMo's response delivered on its event loop.
/// Unset (tests that run Hummingbird's own server), everything runs where Swift and AsyncHTTPClient
/// choose.
public enum ConnectionAffinity {
    @TaskLocal public static var executor: EventLoopTaskExecutor?

    /// Above this, a request body is parsed, translated and serialized on Swift's global pool, whose
    /// threads can take tens of milliseconds for a long history; on the loop, every other connection
    /// (streams in flight) would wait for it. Below it, parsing takes under half a millisecond.
    public static let largeBodyBytes = 128 * 1024
}
