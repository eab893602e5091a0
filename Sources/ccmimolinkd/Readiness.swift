/// Counts the listeners down to `READY=1`: systemd must not see the service ready (and stop queueing
/// connections for it) before every listener accepts.
actor Readiness {
    private var pending: Set<String>
    private let whenReady: @Sendable () async -> Void

    init(waitingFor names: Set<String>, whenReady: @escaping @Sendable () async -> Void) {
        pending = names
        self.whenReady = whenReady
    }

    func arrived(_ name: String) async {
        guard pending.remove(name) != nil, pending.isEmpty else { return }
        await whenReady()
    }
}
