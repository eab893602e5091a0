/// The executor of the client connection a task serves, set by the HTTP listener for every connection.
/// Tasks the handler starts for the same exchange (opening MiMo's stream, pumping its chunks) prefer
/// it too, and `MimoClient` opens the MiMo connection on its event loop. Unset (tests that run
/// Hummingbird's own server), everything runs where Swift and AsyncHTTPClient choose.
public enum ConnectionAffinity {
    @TaskLocal public static var executor: EventLoopTaskExecutor?
}
