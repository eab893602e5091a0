import ControlPlane
import ControlServer
import Foundation
import Logging
import ResponsesTranslation
import Testing
import TestSupport

/// Runs a ControlSocketServer on `<temp>/run/control.sock` for the duration of `body`.
func withControlServer<T>(
    handler: some ControlCommandHandler, idleTimeout: Duration = .seconds(300),
    _ body: (_ socketPath: String) async throws -> T
) async throws -> T {
    try await withTemporaryDirectory { directory in
        let path = directory + "/run/control.sock"
        let fd = try UnixListener.bind(path: path)
        let server = ControlSocketServer(listeningFD: fd, handler: handler, logger: Logger(label: "control-test"),
                                         idleTimeout: idleTimeout)
        let (ready, readySignal) = AsyncStream.makeStream(of: Void.self)
        let task = Task { try await server.run(onReady: { readySignal.yield() }) }
        for await _ in ready { break }
        do {
            let result = try await body(path)
            task.cancel()
            _ = await task.result
            return result
        } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
    }
}

/// Runs blocking socket code on its own thread, so it never starves Swift's cooperative pool
/// (only two threads on a two-core machine) that the server's tasks also need.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
