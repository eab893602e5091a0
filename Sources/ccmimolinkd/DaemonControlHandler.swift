import ConfigSync
import ControlPlane
import ControlServer
import ResponsesTranslation

/// The daemon's answers to `ccmimoctl`: each command becomes a call on `DaemonRuntime`, and each
/// result a payload from ControlPlane, so the wire format lives in one place.
struct DaemonControlHandler: ControlCommandHandler {
    let runtime: DaemonRuntime

    func handle(_ command: ControlCommand, peer: ControlPeer) async -> Result<JSONValue, ControlFailure> {
        switch command {
        case .status:
            return .success(await runtime.daemonStatus().toJSON())
        case .health(let probe):
            return .success(await runtime.health(probe: probe).toJSON())
        case .sync(let dryRun, let undo, let providerID):
            switch await runtime.sync(dryRun: dryRun, undo: undo, providerID: providerID) {
            case .success(let report): return .success(Self.syncResult(report).toJSON())
            case .failure(let failure): return .failure(ControlFailure(code: .failed, message: failure.description))
            }
        case .model(.show):
            return .success(await runtime.modelState(previous: nil).toJSON())
        case .model(.select(let name)):
            guard let change = await runtime.pin(model: name) else {
                return .failure(ControlFailure(code: .invalidArguments, message: "'\(name)' is not a MiMo model name",
                                               hint: "try pro, flash, v2.6-pro or a full id such as mimo-v2.6-pro; `ccmimoctl models` lists what MiMo serves"))
            }
            return .success(await runtime.modelState(previous: change.previous).toJSON())
        case .models(let refresh):
            return .success(await runtime.modelsReport(refresh: refresh).toJSON())
        case .model(.reset):
            let change = await runtime.unpin()
            return .success(await runtime.modelState(previous: change.previous).toJSON())
        case .drain:
            return await runtime.drain().map { $0.toJSON() }
        case .store:
            return await runtime.storeStatus().map { $0.toJSON() }
        case .usage(let days):
            return await runtime.usageReport(days: days).map { $0.toJSON() }
        case .reload:
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
                                         warnings: outcome.warnings).toJSON())
        }
    }

    static func syncResult(_ report: SyncReport) -> SyncResult {
        SyncResult(
            outcome: SyncResult.Outcome(rawValue: report.outcome.rawValue), summary: report.summary,
            provider: report.provider?.name, upstream: report.upstream?.baseURL, layout: report.layout?.rawValue,
            items: report.items.map { SyncResult.Item(target: "\($0.target)", status: $0.status.rawValue, backup: $0.backup, note: $0.note) },
            diff: report.diff, notes: report.notes)
    }
}
