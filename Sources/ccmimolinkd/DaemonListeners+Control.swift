import Logging
import ServiceLifecycle

// Placeholder until the control plane lands: no control socket yet.
extension DaemonListeners {
    mutating func bindControl(path: String, logger: Logger) {}

    func controlServices(runtime: DaemonRuntime, readiness: Readiness, logger: Logger) -> [any Service] { [] }
}

extension DaemonListeners {
    func removeOwnControlSocket() {}
}
