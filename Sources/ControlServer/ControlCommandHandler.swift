import ControlPlane

/// The daemon's side of each command: one method per call, each returning its call's result type, so no
/// command can be answered with another's. `ControlSocketServer` runs each request through
/// `reply(to:from:)`, in order per connection. A failure is a value, not a thrown error: it becomes an
/// error reply and the connection carries on.
public protocol ControlCommandHandler: Sendable {
    func answer(_ call: StatusCall, from peer: ControlPeer) async -> Result<StatusCall.Result, ControlFailure>
    func answer(_ call: HealthCall, from peer: ControlPeer) async -> Result<HealthCall.Result, ControlFailure>
    func answer(_ call: SyncCall, from peer: ControlPeer) async -> Result<SyncCall.Result, ControlFailure>
    func answer(_ call: ModelCall, from peer: ControlPeer) async -> Result<ModelCall.Result, ControlFailure>
    func answer(_ call: ModelsCall, from peer: ControlPeer) async -> Result<ModelsCall.Result, ControlFailure>
    func answer(_ call: DrainCall, from peer: ControlPeer) async -> Result<DrainCall.Result, ControlFailure>
    func answer(_ call: StoreCall, from peer: ControlPeer) async -> Result<StoreCall.Result, ControlFailure>
    func answer(_ call: ReloadCall, from peer: ControlPeer) async -> Result<ReloadCall.Result, ControlFailure>
    func answer(_ call: UsageCall, from peer: ControlPeer) async -> Result<UsageCall.Result, ControlFailure>
}

extension ControlCommandHandler {
    /// The reply to `request`: its command as a typed call, answered by that call's method.
    func reply(to request: ControlRequest, from peer: ControlPeer) async -> ControlReply {
        func reply<Value: Encodable>(_ outcome: Result<Value, ControlFailure>) -> ControlReply {
            ControlSession.reply(to: request, outcome: outcome)
        }
        switch request.command {
        case .status: return reply(await answer(StatusCall(), from: peer))
        case .health(let probe): return reply(await answer(HealthCall(probe: probe), from: peer))
        case .sync(let dryRun, let undo, let providerID):
            return reply(await answer(SyncCall(dryRun: dryRun, undo: undo, providerID: providerID), from: peer))
        case .model(let action): return reply(await answer(ModelCall(action), from: peer))
        case .models(let refresh): return reply(await answer(ModelsCall(refresh: refresh), from: peer))
        case .drain: return reply(await answer(DrainCall(), from: peer))
        case .store: return reply(await answer(StoreCall(), from: peer))
        case .reload: return reply(await answer(ReloadCall(), from: peer))
        case .usage(let days): return reply(await answer(UsageCall(days: days), from: peer))
        }
    }
}
