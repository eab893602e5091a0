import ControlPlane
import ResponsesTranslation

/// The daemon's side of each command. `ControlSocketServer` calls it once per request, in order per
/// connection. A failure is a value, not a thrown error: it becomes an error reply and the
/// connection carries on.
public protocol ControlCommandHandler: Sendable {
    func handle(_ command: ControlCommand, peer: ControlPeer) async -> Result<JSONValue, ControlFailure>
}
