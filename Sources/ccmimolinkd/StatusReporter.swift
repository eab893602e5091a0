import ServiceLifecycle
import Systemd

/// Keeps the unit's `STATUS=` current (model, streams in flight, requests served, last sync): it
/// checks every two seconds and notifies only when the line changed.
struct StatusReporter: Service {
    let runtime: DaemonRuntime
    let notifier: ServiceNotifier

    func run() async throws {
        guard notifier.isSupervised else { return }
        // Task.sleep throws CancellationError when the graceful shutdown reaches this service: a normal end.
        try? await cancelWhenGracefulShutdown {
            var last = ""
            while !Task.isCancelled {
                let line = await runtime.statusLine()
                if line != last {
                    notifier.status(line)
                    last = line
                }
                try await Task.sleep(for: .seconds(2))
            }
        }
    }
}
