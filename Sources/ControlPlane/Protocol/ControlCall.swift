/// A command paired with the type of its result, as tailscale's local client pairs each endpoint with
/// the type it decodes: `client.send(StatusCall())` returns a `DaemonStatus`, and the daemon answers
/// `StatusCall` with one (`ControlCommandHandler`), so neither side can pick another type.
public protocol ControlCall: Sendable {
    associatedtype Result: Codable & Sendable
    /// The command on the wire.
    var command: ControlCommand { get }
}
