import ServiceLifecycle
import UnixSignals

/// SIGHUP (`systemctl --user reload`, `ExecReload=/bin/kill -HUP $MAINPID`) reloads the daemon.
/// The signal sequence is created before the service group starts, so a SIGHUP that arrives early is
/// queued instead of killing the process.
struct ReloadSignalService: Service {
    let signals: UnixSignalsSequence
    let runtime: DaemonRuntime

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                _ = await runtime.reload(trigger: "SIGHUP")
            }
        }
    }
}
