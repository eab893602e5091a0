import ConfigSync
import ControlPlane
import ControlServer

/// The daemon's answers to `ccmimoctl`: each call becomes a call on `DaemonRuntime`, and its answer the
/// call's result type from ControlPlane, so the wire format lives in one place.
struct DaemonControlHandler: ControlCommandHandler {
    let runtime: DaemonRuntime

    func answer(_ call: StatusCall, from peer: ControlPeer) async -> Result<DaemonStatus, ControlFailure> {
        .success(await runtime.daemonStatus())
    }

    func answer(_ call: HealthCall, from peer: ControlPeer) async -> Result<HealthReport, ControlFailure> {
        .success(await runtime.health(probe: call.probe))
    }

    func answer(_ call: SyncCall, from peer: ControlPeer) async -> Result<SyncResult, ControlFailure> {
        await runtime.sync(dryRun: call.dryRun, undo: call.undo, providerID: call.providerID)
            .map(Self.syncResult)
            .mapError { ControlFailure(code: .failed, message: $0.description) }
    }

    func answer(_ call: ModelCall, from peer: ControlPeer) async -> Result<ModelState, ControlFailure> {
        switch call.action {
        case .show:
            return .success(await runtime.modelState(previous: nil))
        case .select(let name):
            guard let change = await runtime.pin(model: name) else {
                return .failure(ControlFailure(code: .invalidArguments, message: "'\(name)' is not a MiMo model name",
                                               hint: "try pro, flash, v2.6-pro or a full id such as mimo-v2.6-pro; `ccmimoctl models` lists what MiMo serves"))
            }
            return .success(await runtime.modelState(previous: change.previous))
        case .reset:
            let change = await runtime.unpin()
            return .success(await runtime.modelState(previous: change.previous))
        }
    }

    func answer(_ call: ModelsCall, from peer: ControlPeer) async -> Result<ModelsReport, ControlFailure> {
        .success(await runtime.modelsReport(refresh: call.refresh))
    }

    func answer(_ call: DrainCall, from peer: ControlPeer) async -> Result<DrainResult, ControlFailure> {
        await runtime.drain()
    }

    func answer(_ call: StoreCall, from peer: ControlPeer) async -> Result<StoreStatus, ControlFailure> {
        await runtime.storeStatus()
    }

    func answer(_ call: UsageCall, from peer: ControlPeer) async -> Result<UsageReport, ControlFailure> {
        await runtime.usageReport(days: call.days)
    }

    func answer(_ call: ReloadCall, from peer: ControlPeer) async -> Result<ReloadResult, ControlFailure> {
        let outcome = await runtime.reload(trigger: "ccmimoctl reload (\(peer))")
        if outcome.failed {
            return .failure(ControlFailure(code: .failed, message: outcome.warnings.joined(separator: "; "),
                                           hint: "fix the configuration file, then run `ccmimoctl reload` again"))
        }
        let sync = outcome.sync.flatMap { result -> SyncResult? in
            switch result {
            case .success(let report): Self.syncResult(report)
            case .failure(let failure): SyncResult(outcome: SyncResult.Outcome(rawValue: "failed"), summary: failure.summary)
            }
        }
        return .success(ReloadResult(applied: outcome.applied, needsRestart: outcome.needsRestart, sync: sync,
                                     warnings: outcome.warnings))
    }

    static func syncResult(_ report: SyncReport) -> SyncResult {
        SyncResult(
            outcome: SyncResult.Outcome(rawValue: report.outcome.rawValue), summary: report.summary,
            provider: report.provider?.name, upstream: report.upstream?.baseURL, layout: report.layout?.rawValue,
            items: report.items.map { SyncResult.Item(target: "\($0.target)", status: $0.status.rawValue, backup: $0.backup, note: $0.note) },
            diff: report.diff, notes: report.notes)
    }
}
