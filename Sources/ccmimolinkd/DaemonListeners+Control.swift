import ControlServer
import Glibc
import Logging
import ServiceLifecycle

extension DaemonListeners {
    /// Binds the control socket when systemd did not pass one. Without it the daemon still serves
    /// Codex; only `ccmimoctl` cannot reach it, which the log says.
    mutating func bindControl(path: String, logger: Logger) {
        do {
            control = try UnixListener.bind(path: path)
            controlPath = path
            controlBoundHere = true
        } catch {
            logger.warning("no control socket, so ccmimoctl cannot reach this daemon", metadata: ["error": "\(error)"])
        }
    }

    func controlServices(runtime: DaemonRuntime, readiness: Readiness, logger: Logger,
                         onConnection: @escaping @Sendable (Bool) -> Void) -> [any Service] {
        guard let control else { return [] }
        return [ControlService(server: ControlSocketServer(listeningFD: control, handler: DaemonControlHandler(runtime: runtime),
                                                           logger: logger, onConnection: onConnection),
                               onReady: { await readiness.arrived("control") })]
    }

    /// A socket file this process created is removed at exit; one systemd owns stays.
    func removeOwnControlSocket() {
        if controlBoundHere, let controlPath { unlink(controlPath) }
    }
}

/// The control socket server as a service of the daemon's group.
struct ControlService: Service {
    let server: ControlSocketServer
    let onReady: @Sendable () async -> Void

    func run() async throws {
        do {
            try await server.run(onReady: onReady)
        } catch is CancellationError {
            // Graceful shutdown cancels the accept loop; that is a normal end.
        }
    }
}
