import ControlPlane
import ControlServer
import Foundation

/// Answers each call with a canned result of its type (a small default unless the test sets one), and
/// remembers the commands as they reached it.
final class FakeHandler: ControlCommandHandler, @unchecked Sendable {
    typealias Answer<Call: ControlCall> = @Sendable (Call) async -> Result<Call.Result, ControlFailure>

    struct Answers: Sendable {
        /// The default status names the peer's pid, so tests can see who the daemon thinks it talks to.
        var status: @Sendable (ControlPeer) async -> Result<DaemonStatus, ControlFailure> = { .success(.fake(pid: Int($0.pid))) }
        var health: Answer<HealthCall> = { _ in .success(HealthReport(checks: [.init(name: "fake", ok: true, detail: "")])) }
        var sync: Answer<SyncCall> = { _ in .success(SyncResult(outcome: .alreadyInSync, summary: "fake")) }
        var model: Answer<ModelCall> = { _ in .success(ModelState(active: "mimo-v2.6-pro", source: "fake", persisted: false)) }
        var models: Answer<ModelsCall> = { _ in
            .success(ModelsReport(upstream: "u", fetchedAt: nil, readError: nil, text: "t", textID: "t", images: "i",
                                  imagesID: "i", models: [], legacy: []))
        }
        var drain: Answer<DrainCall> = { _ in .success(DrainResult(removed: 0, bytesFreed: 0)) }
        var store: Answer<StoreCall> = { _ in
            .success(StoreStatus(path: "memory", responses: 0, bytes: 0, maxResponses: 1, maxBytes: 1, inMemory: true))
        }
        var reload: Answer<ReloadCall> = { _ in .success(ReloadResult()) }
        var usage: Answer<UsageCall> = { _ in
            .success(UsageReport(today: "2026-12-15", timeZone: "UTC", costShown: false, costNote: "fake", periods: [], days: [],
                                 prices: [], ledgerPath: "memory", ledgerProblem: nil, retentionDays: 366))
        }
    }

    private let lock = NSLock()
    private var received: [ControlCommand] = []
    private let answers: Answers
    /// Runs before each answer, e.g. to make some commands slow.
    private let beforeAnswering: @Sendable (ControlCommand) async -> Void

    init(_ answers: Answers = Answers(), beforeAnswering: @escaping @Sendable (ControlCommand) async -> Void = { _ in }) {
        self.answers = answers
        self.beforeAnswering = beforeAnswering
    }

    var commands: [ControlCommand] { lock.withLock { received } }

    private func arrived(_ call: some ControlCall) async {
        lock.withLock { received.append(call.command) }
        await beforeAnswering(call.command)
    }

    func answer(_ call: StatusCall, from peer: ControlPeer) async -> Result<DaemonStatus, ControlFailure> {
        await arrived(call)
        return await answers.status(peer)
    }

    func answer(_ call: HealthCall, from peer: ControlPeer) async -> Result<HealthReport, ControlFailure> {
        await arrived(call)
        return await answers.health(call)
    }

    func answer(_ call: SyncCall, from peer: ControlPeer) async -> Result<SyncResult, ControlFailure> {
        await arrived(call)
        return await answers.sync(call)
    }

    func answer(_ call: ModelCall, from peer: ControlPeer) async -> Result<ModelState, ControlFailure> {
        await arrived(call)
        return await answers.model(call)
    }

    func answer(_ call: ModelsCall, from peer: ControlPeer) async -> Result<ModelsReport, ControlFailure> {
        await arrived(call)
        return await answers.models(call)
    }

    func answer(_ call: DrainCall, from peer: ControlPeer) async -> Result<DrainResult, ControlFailure> {
        await arrived(call)
        return await answers.drain(call)
    }

    func answer(_ call: StoreCall, from peer: ControlPeer) async -> Result<StoreStatus, ControlFailure> {
        await arrived(call)
        return await answers.store(call)
    }

    func answer(_ call: ReloadCall, from peer: ControlPeer) async -> Result<ReloadResult, ControlFailure> {
        await arrived(call)
        return await answers.reload(call)
    }

    func answer(_ call: UsageCall, from peer: ControlPeer) async -> Result<UsageReport, ControlFailure> {
        await arrived(call)
        return await answers.usage(call)
    }
}

extension DaemonStatus {
    static func fake(pid: Int) -> DaemonStatus {
        DaemonStatus(version: "fake", pid: pid, uptimeSeconds: 0, httpListeners: [], controlSocket: "/c", socketActivated: false,
                     upstream: .init(baseURL: "u", mode: "standard", source: "default"),
                     model: .init(active: "mimo-v2.6-pro", source: "default"), inFlight: 0, served: 0, store: nil)
    }
}
