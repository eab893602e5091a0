import NIOConcurrencyHelpers

/// The ccmimoctl clients connected now, and when one last came or went: a daemon someone is talking
/// to is not idle.
final class ControlClients: Sendable {
    private let state = NIOLockedValueBox((open: 0, lastActivity: ContinuousClock.now))

    var open: Int { state.withLockedValue { $0.open } }
    var lastActivity: ContinuousClock.Instant { state.withLockedValue { $0.lastActivity } }

    @Sendable func connection(opened: Bool) {
        state.withLockedValue {
            $0.open += opened ? 1 : -1
            $0.lastActivity = .now
        }
    }
}
